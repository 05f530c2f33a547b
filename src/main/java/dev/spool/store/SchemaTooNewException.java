package dev.spool.store;

/** The database was migrated by a newer Spool than this one; starting would risk corrupting it. */
public final class SchemaTooNewException extends StoreException {
    public SchemaTooNewException(String databaseVersion, String knownVersion) {
        super("the database schema is version " + databaseVersion + ", newer than this Spool understands (up to "
                + knownVersion + "); upgrade Spool, or point it at another database with --db");
    }
}
