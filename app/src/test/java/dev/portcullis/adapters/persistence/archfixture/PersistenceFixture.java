package dev.portcullis.adapters.persistence.archfixture;

/**
 * Not product code: a stand-in persistence adapter class that {@code ArchitectureTest} imports on its
 * own, to prove the adapter rules catch a violation before real adapter classes exist.
 */
public class PersistenceFixture {

    public String load() {
        return "row";
    }
}
