package dev.spool.api;

import dev.spool.domain.SpoolException;

/** The server was asked to listen beyond loopback while no API token exists, without {@code --insecure}. */
public final class InsecureListenException extends SpoolException {
    public InsecureListenException(String host) {
        super("refusing to listen on " + host + " with no API token: anyone who can reach it could submit and "
                + "cancel jobs. Create a token first ('spool token create --name NAME --role operator'), listen on "
                + "127.0.0.1, or pass --insecure to accept the risk");
    }
}
