package ferry.client.transfer;

/**
 * A command failed but the connection is fine: the server refused (no such file, permission, checksum mismatch) or
 * a local file could not be read or written. The message is one line, fit to show as is.
 */
public final class TransferException extends Exception {
    public TransferException(String message) {
        super(message);
    }
}
