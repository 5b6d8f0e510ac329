package dev.portcullis.adapters.persistence.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

@Embeddable
public class DocumentKey implements Serializable {

    @Column(name = "kind", nullable = false, length = 32)
    public String kind;

    @Column(name = "id", nullable = false, length = 200)
    public String id;

    public DocumentKey() {}

    DocumentKey(String kind, String id) {
        this.kind = kind;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentKey other && kind.equals(other.kind) && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id);
    }
}
