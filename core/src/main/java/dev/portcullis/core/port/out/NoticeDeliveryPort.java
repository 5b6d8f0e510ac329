package dev.portcullis.core.port.out;

import dev.portcullis.core.notice.MailServer;
import dev.portcullis.core.notice.Notice;

/** Sends one plain notice to one person through a mail server, and says whether the server took it. */
public interface NoticeDeliveryPort {

    Delivery send(MailServer server, Notice notice);

    /** What became of one notice. */
    sealed interface Delivery {
        record Sent() implements Delivery {}

        /** @param reason why the server did not take it, without any secret */
        record Failed(String reason) implements Delivery {}
    }
}
