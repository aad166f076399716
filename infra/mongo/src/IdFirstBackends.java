import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's backends, with two changes. Non-unique indexes exist (SecondaryIndex; stock
 * ignores them) and answer queries that pin their first field. And a query that pins `_id` (a
 * value, or `$in`) AND has other conditions is answered through the `_id` index, then matched in full.
 *
 * Stock mongo-java-server uses a unique index only when a query has exactly that index's keys,
 * so `{_id: x, response: null}` (a guarded update, the outbox relay's exact-match settle, an
 * `_applied: {$ne: key}` guard) scanned the whole collection: every such write got slower as the
 * collection grew. MongoDB itself always uses the `_id` index there; this keeps the stand-in's
 * cost per command independent of collection size, as on MongoDB. Results are unchanged: the
 * index only narrows the candidates, and every candidate is matched against the whole query.
 */
public final class IdFirstBackends {
    private IdFirstBackends() {
    }

    /** `{_id: <value or $in>}` when the query pins `_id` and has more conditions; else null. */
    static Document idOnly(Document query, String idField) {
        if (query == null || query.size() < 2 || !query.containsKey(idField)) {
            return null;
        }
        Object value = query.get(idField);
        if (value instanceof Document) {
            Document operators = (Document) value;
            if (operators.size() != 1 || !operators.containsKey("$in")) {
                return null;
            }
        }
        return new Document(idField, value);
    }

    /**
     * The query answered through an index (candidates matched in full), or null to fall back to
     * the stock planner: the `_id` index when the query pins `_id`, else a secondary index whose
     * first field the query pins by value or `$in` (see SecondaryIndex).
     */
    static <P> QueryResult throughIndex(Document query, String idField, List<Index<P>> indexes, Function<Iterable<P>, QueryResult> matchAmong) {
        Document byId = idOnly(query, idField);
        if (byId != null) {
            for (Index<P> index : indexes) {
                if (index.canHandle(byId)) {
                    return matchAmong.apply(index.getPositions(byId));
                }
            }
        }
        if (query == null || query.containsKey(idField)) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (index instanceof SecondaryIndex) {
                SecondaryIndex<P> secondary = (SecondaryIndex<P>) index;
                Collection<?> values = SecondaryIndex.pinnedValues(query, secondary.field());
                if (values != null) {
                    return matchAmong.apply(secondary.getPositions(new Document(secondary.field(), query.get(secondary.field()))));
                }
            }
        }
        return null;
    }

    // ---- in memory (test profile)

    public static final class Memory extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryDb(databaseName, getCursorRegistry());
        }
    }

    static final class MemoryDb extends MemoryDatabase {
        MemoryDb(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new SecondaryIndex<>(indexName, keys, sparse, "_id");
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new MemoryColl(this, collectionName, options, cursorRegistry);
        }
    }

    static final class MemoryColl extends MemoryCollection {
        MemoryColl(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            QueryResult result = throughIndex(query, getIdField(), getIndexes(),
                positions -> matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector));
            return result != null ? result : super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }

    // ---- H2 file (dev profile)

    public static final class H2 extends H2Backend {
        public H2(String fileName) {
            super(fileName);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new H2Db(databaseName, getMvStore(), getCursorRegistry());
        }
    }

    static final class H2Db extends H2Database {
        private static final Field MV_STORE;

        static {
            try {
                MV_STORE = H2Database.class.getDeclaredField("mvStore");
                MV_STORE.setAccessible(true);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("mongo-java-server's H2Database changed: no mvStore field", e);
            }
        }

        H2Db(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
            super(databaseName, mvStore, cursorRegistry);
        }

        /** Called from H2Database's constructor (after it has set its store): read it from there. */
        private MVStore store() {
            try {
                return (MVStore) MV_STORE.get(this);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new SecondaryIndex<>(indexName, keys, sparse, "_id");
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVStore mvStore = store();
            return new H2Coll(this, collectionName, options, mvStore.openMap("databases." + fullName), mvStore.openMap("meta." + fullName), cursorRegistry);
        }
    }

    static final class H2Coll extends H2Collection {
        H2Coll(MongoDatabase database, String collectionName, CollectionOptions options,
               org.h2.mvstore.MVMap<Object, Document> dataMap, org.h2.mvstore.MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            QueryResult result = throughIndex(query, getIdField(), getIndexes(),
                positions -> matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector));
            return result != null ? result : super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
