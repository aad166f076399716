import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A non-unique index for mongo-java-server, which otherwise ignores every index that is not unique
 * ("adding secondary index ... is not yet implemented. ignoring"): without it a query on
 * `memberId` scanned the whole collection, so the stand-in slowed down as data grew where MongoDB
 * would not.
 *
 * It keys the documents by the value of the index's FIRST field only (a compound index serves as
 * a prefix, as MongoDB's does for an equality on its first field); array values are indexed per
 * element (multikey). It answers only equality on a plain value (string, ObjectId, integer, long,
 * boolean) or `$in` of such values: every other query is left to the collection scan. It only
 * narrows the candidates: the collection matches each candidate against the whole query, so
 * results are those of a scan, in insertion order per value.
 */
final class SecondaryIndex<P> extends Index<P> {
    private final String field;
    private final Map<KeyValue, Set<P>> byValue = new HashMap<>();
    private final Map<KeyValue, P> positionById = new HashMap<>();
    private final String idField;

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse, String idField) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
        this.idField = idField;
    }

    /** A value this index can look up exactly as the query matcher would compare it. */
    static boolean pinnable(Object value) {
        return value instanceof String || value instanceof ObjectId || value instanceof Integer || value instanceof Long || value instanceof Boolean;
    }

    /** The query's condition on the index's field when it is an equality or `$in` of plain values; else null. */
    static Collection<?> pinnedValues(Document query, String field) {
        if (query == null || !query.containsKey(field)) {
            return null;
        }
        Object value = query.get(field);
        if (pinnable(value)) {
            return Collections.singletonList(value);
        }
        if (value instanceof Document) {
            Document operators = (Document) value;
            if (operators.size() == 1 && operators.get("$in") instanceof Collection) {
                Collection<?> values = (Collection<?>) operators.get("$in");
                return values.stream().allMatch(SecondaryIndex::pinnable) ? values : null;
            }
        }
        return null;
    }

    String field() {
        return field;
    }

    private static KeyValue key(Object value) {
        return new KeyValue(value).normalized();
    }

    /** The values of the first field that a document is reachable by (array elements one by one). */
    private Set<KeyValue> valuesOf(Document document) {
        Object value = Utils.getSubdocumentValueCollectionAware(document, field);
        Set<KeyValue> out = new LinkedHashSet<>();
        if (value instanceof Collection) {
            for (Object element : (Collection<?>) value) {
                if (pinnable(element)) {
                    out.add(key(element));
                }
            }
        } else if (pinnable(value)) {
            out.add(key(value));
        }
        return out;
    }

    private KeyValue idOf(Document document) {
        return key(document.get(idField));
    }

    @Override
    public synchronized P getPosition(Document document) {
        return null; // not unique: the collection finds a document's position through its _id index
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        positionById.put(idOf(document), position);
        for (KeyValue value : valuesOf(document)) {
            byValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
        }
    }

    @Override
    public synchronized P remove(Document document) {
        P position = positionById.remove(idOf(document));
        if (position == null) {
            return null;
        }
        unlink(document, position);
        return position;
    }

    private void unlink(Document document, P position) {
        for (KeyValue value : valuesOf(document)) {
            Set<P> positions = byValue.get(value);
            if (positions != null) {
                positions.remove(position);
                if (positions.isEmpty()) {
                    byValue.remove(value);
                }
            }
        }
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return query.keySet().equals(Collections.singleton(field)) && pinnedValues(query, field) != null;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Collection<?> values = pinnedValues(query, field);
        if (values == null) {
            throw new IllegalArgumentException("SecondaryIndex cannot answer " + query);
        }
        Set<P> out = new LinkedHashSet<>();
        for (Object value : values) {
            Set<P> positions = byValue.get(key(value));
            if (positions != null) {
                out.addAll(positions);
            }
        }
        return out;
    }

    @Override
    public synchronized long getCount() {
        return positionById.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        unlink(oldDocument, position);
        add(newDocument, position, collection);
    }

    @Override
    public synchronized void drop() {
        byValue.clear();
        positionById.clear();
    }
}
