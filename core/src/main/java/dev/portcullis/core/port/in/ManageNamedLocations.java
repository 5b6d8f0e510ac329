package dev.portcullis.core.port.in;

import dev.portcullis.core.location.NamedLocation;

/** Named locations (IP ranges, countries); one a policy still names is not deleted. */
public interface ManageNamedLocations extends ManageDocuments<NamedLocation> {}
