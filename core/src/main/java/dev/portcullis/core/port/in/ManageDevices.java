package dev.portcullis.core.port.in;

import dev.portcullis.core.device.Device;
import java.util.Objects;

/** The device inventory an MDM integration feeds, which goes into the snapshot nodes enforce. */
public interface ManageDevices extends ManageDocuments<Device> {

    /**
     * The whole device at this id, created or replaced whatever version is stored: the MDM is the
     * source of truth, and its last report wins.
     */
    DocumentResult<Device> report(Report command);

    record Report(String id, Checked<Device> device, String actor) {
        public Report {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(actor, "actor");
        }
    }
}
