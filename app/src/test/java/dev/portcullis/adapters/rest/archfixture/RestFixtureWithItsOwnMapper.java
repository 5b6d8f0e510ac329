package dev.portcullis.adapters.rest.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Not product code: a deliberate violation (a REST adapter class configuring a mapper of its own
 * instead of using graph-json's codecs) that {@code ArchitectureTest} checks its rules against.
 */
public class RestFixtureWithItsOwnMapper {

    public String write(Object value) throws Exception {
        return new ObjectMapper().writeValueAsString(value);
    }
}
