package dev.portcullis.core.migration;

import java.util.Map;
import java.util.Optional;

/**
 * Entra's built-in directory roles by template id, the ids exported policies name in
 * {@code includeRoles}: so a report can say which role an id is, and suggest the Keycloak role
 * named like it.
 */
public final class EntraRoles {

    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("62e90394-69f5-4237-9190-012177145e10", "Global Administrator"),
            Map.entry("194ae4cb-b126-40b2-bd5b-6091b380977d", "Security Administrator"),
            Map.entry("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "SharePoint Administrator"),
            Map.entry("29232cdf-9323-42fd-ade2-1d097af3e4de", "Exchange Administrator"),
            Map.entry("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator"),
            Map.entry("729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator"),
            Map.entry("b0f54661-2d74-4c50-afa3-1ec803f12efe", "Billing Administrator"),
            Map.entry("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
            Map.entry("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator"),
            Map.entry("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "Application Administrator"),
            Map.entry("158c047a-c907-4556-b7ef-446551a6b5f7", "Cloud Application Administrator"),
            Map.entry("966707d0-3269-4727-9be2-8c3a10f19b9d", "Password Administrator"),
            Map.entry("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator"),
            Map.entry("e8611ab8-c189-46e8-94e1-60213ab1f814", "Privileged Role Administrator"),
            Map.entry("d29b2b05-8046-44ba-8758-1e26182fcf32", "Directory Synchronization Accounts"),
            Map.entry("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"),
            Map.entry("5d6b6bb7-de71-4623-b4af-96380a352509", "Security Reader"),
            Map.entry("3a2c62db-5318-420d-8d74-23affee5d9d5", "Intune Administrator"),
            Map.entry("69091246-20e8-4a56-aa4d-066075b2a7a8", "Teams Administrator"),
            Map.entry("17315797-102d-40b4-93e0-432062caca18", "Compliance Administrator"),
            Map.entry("5f2222b1-57c3-48ba-8ad5-d4759f1fde6f", "Security Operator"),
            Map.entry("fdd7a751-b60b-444a-984c-02652fe8fa1c", "Groups Administrator"),
            Map.entry("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator"),
            Map.entry("7698a772-787b-4ac8-901f-60d6b08affd2", "Cloud Device Administrator"),
            Map.entry("11648597-926c-4cf3-9c36-bcebb0ba8dcc", "Power Platform Administrator"),
            Map.entry("4d6ac14f-3453-41d0-bef9-a3e0c569773a", "License Administrator"),
            Map.entry("95e79109-95c0-4d8e-aee3-d01accf2d47b", "Guest Inviter"),
            Map.entry("4a5d8f65-41da-4de4-8968-e035b65339cf", "Reports Reader"));

    private EntraRoles() {}

    /** The display name of an Entra built-in role, by its template id. */
    public static Optional<String> name(String templateId) {
        return Optional.ofNullable(BUILT_IN.get(templateId.toLowerCase(java.util.Locale.ROOT)));
    }
}
