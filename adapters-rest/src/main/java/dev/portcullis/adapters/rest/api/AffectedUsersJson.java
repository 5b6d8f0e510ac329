package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.NotifyAffectedUsers;
import java.util.List;

/** The users a policy affects, as the impact and the notice endpoints write them. */
final class AffectedUsersJson {

    private AffectedUsersJson() {}

    static ObjectNode listing(NotifyAffectedUsers.Listing listing) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("total", listing.total());
        node.put("listed", listing.listed().size());
        node.put("truncated", listing.listed().size() < listing.total());
        node.put("directoryRead", listing.directoryRead());
        users(node.putArray("value"), listing.listed());
        return node;
    }

    static void users(ArrayNode into, List<NotifyAffectedUsers.AffectedUser> users) {
        for (NotifyAffectedUsers.AffectedUser user : users) {
            ObjectNode item = into.addObject();
            item.put("userId", user.userId());
            user.username().ifPresent(u -> item.put("username", u));
            user.email().ifPresent(e -> item.put("email", e));
            item.put("wouldPrompt", user.wouldPrompt());
            item.put("wouldBlock", user.wouldBlock());
        }
    }
}
