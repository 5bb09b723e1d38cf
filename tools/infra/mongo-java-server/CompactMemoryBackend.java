// Lianjian's in-memory backend for mongo-java-server that keeps each document as its BSON bytes (`--backend compact`).
//
// mongo-java-server's memory backend keeps every document as a tree of Java maps, with a String object for every
// field name and value: about 4.8 times the document's BSON size in heap (bench:members: ~18.8 KB of live heap per
// member for ~3.9 KB of BSON), so 1,000,000 members did not fit in 18 GB. Here a collection holds one byte array per
// document, decoded when it is read and encoded again when it changes; the library's own code does everything else
// (queries, update operators, the unique indexes, which keep only the indexed values and positions). Reads cost a
// decode (a few microseconds for a document of a few KB), which the platform's exact-key reads barely notice; a scan
// decodes every document it looks at. Nothing is on disk: it is for the tests and the benchmarks, like the memory
// backend. See docs/adr/0013-embedded-database-mongo-java-server.md.

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

public final class CompactMemoryBackend extends AbstractMongoBackend {

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new CompactDatabase(databaseName, getCursorRegistry());
    }

    /** A document as BSON bytes. */
    static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    /** A fresh document from its BSON bytes: callers may change it freely. */
    static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }
}

/** A database whose collections keep BSON bytes; its unique indexes are the memory backend's. */
final class CompactDatabase extends AbstractSynchronizedMongoDatabase<Integer> {

    CompactDatabase(String databaseName, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        initializeNamespacesAndIndexes();
    }

    @Override
    protected MongoCollection<Integer> openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new CompactCollection(this, collectionName, options, cursorRegistry);
    }

    @Override
    protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                     boolean sparse) {
        return new MemoryUniqueIndex(indexName, keys, sparse);
    }

    @Override
    protected long getStorageSize() {
        return 0;
    }

    @Override
    protected long getFileSize() {
        return 0;
    }
}

/**
 * A collection of documents kept as BSON bytes, addressed by position (an index into a list; a removed document
 * leaves a null there, reused by the next insert). Every method runs under the collection's lock
 * (AbstractSynchronizedMongoCollection), as in the memory backend.
 */
final class CompactCollection extends AbstractSynchronizedMongoCollection<Integer> {

    private final List<byte[]> documents = new ArrayList<>();
    private final ArrayDeque<Integer> freePositions = new ArrayDeque<>();
    private long dataSize;

    CompactCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                      CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        dataSize += sizeDelta;
    }

    @Override
    protected int getDataSize() {
        return (int) Math.min(Integer.MAX_VALUE, dataSize);
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
        byte[] bytes = CompactMemoryBackend.encode(document);
        Integer free = freePositions.poll();
        if (free != null) {
            documents.set(free, bytes);
            return free;
        }
        documents.add(bytes);
        return documents.size() - 1;
    }

    @Override
    protected Document getDocument(Integer position) {
        byte[] bytes = documents.get(position);
        if (bytes == null) {
            throw new NoSuchElementException("no document at position " + position + " of " + this);
        }
        return CompactMemoryBackend.decode(bytes);
    }

    /** The library changed the document it got from getDocument (a decoded copy): keep its new bytes. */
    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        documents.set(position, CompactMemoryBackend.encode(newDocument));
    }

    @Override
    protected void removeDocument(Integer position) {
        if (documents.set(position, null) != null) {
            freePositions.add(position);
        }
    }

    @Override
    public synchronized int count() {
        return documents.size() - freePositions.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        return count() == 0;
    }

    @Override
    protected Stream<DocumentWithPosition<Integer>> streamAllDocumentsWithPosition() {
        return IntStream.range(0, documents.size())
            .filter(position -> documents.get(position) != null)
            .mapToObj(position -> new DocumentWithPosition<>(getDocument(position), position));
    }

    /** A scan, in natural order (insertion, reused positions aside) or reversed: decodes each document it reaches. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        boolean descending = isNaturalDescending(orderBy);
        Iterator<Document> iterator = new Iterator<>() {
            private int next = descending ? documents.size() - 1 : 0;

            private void skipRemoved() {
                while (next >= 0 && next < documents.size() && documents.get(next) == null) {
                    next += descending ? -1 : 1;
                }
            }

            @Override
            public boolean hasNext() {
                skipRemoved();
                return next >= 0 && next < documents.size();
            }

            @Override
            public Document next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Document document = CompactMemoryBackend.decode(documents.get(next));
                next += descending ? -1 : 1;
                return document;
            }
        };
        Stream<Document> stream = StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
        return matchDocumentsFromStream(stream, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
