/**
 * Where each output of one source is written: file name from the NAMING pattern (sanitized), folder from
 * FOLDER_OUTPUT, collisions from DUPLICATES. Everything here is a pure function of its arguments; the file
 * system is consulted only through the caller's "exists" predicate, so the engine decides what "exists" means
 * (local disk, object storage) and tests need no files.
 */
package dev.spool.preset.output;
