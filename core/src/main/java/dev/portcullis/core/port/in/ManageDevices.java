package dev.portcullis.core.port.in;

import dev.portcullis.core.device.Device;
import java.util.List;
import java.util.Objects;

/** The device inventory an MDM integration feeds, which goes into the snapshot nodes enforce. */
public interface ManageDevices extends ManageDocuments<Device> {

    /**
     * The whole device at this id, created or replaced whatever version is stored: the MDM is the
     * source of truth, and its last report wins.
     */
    DocumentResult<Device> report(Report command);

    /**
     * Several reports at once (an MDM's batch), answered in their order: read in one query and
     * stored in one transaction, each with its own answer. More than one report of one device is
     * applied in order.
     */
    List<DocumentResult<Device>> reportEach(List<Report> commands);

    record Report(String id, Checked<Device> device, String actor) {
        public Report {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(actor, "actor");
        }
    }
}
