import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Local stand-in for MongoDB, speaking the MongoDB wire protocol (mongo-java-server).
 *
 * Usage: java -cp 'classes:lib/*' MongoStandIn <host> <port> [h2-file]
 *   - without h2-file: in-memory backend (test profile, wiped on every start)
 *   - with h2-file:    H2 MVStore file backend (dev profile, survives restarts)
 *
 * Started and stopped by scripts/infra-lib.mjs. SIGTERM triggers the shutdown hook, which
 * stops listening and closes the backend (for H2 this commits and closes the MVStore file).
 */
public final class MongoStandIn {
    public static void main(String[] a) throws Exception {
        if (a.length < 2) {
            System.err.println("usage: MongoStandIn <host> <port> [h2-file]");
            System.exit(2);
        }
        String host = a[0];
        int port = Integer.parseInt(a[1]);

        // The stock backends, except that queries pinning _id use the _id index (see IdFirstBackends).
        AbstractMongoBackend backend = a.length > 2 ? new IdFirstBackends.H2(a[2]) : new IdFirstBackends.Memory();
        backend.version(ServerVersion.MONGO_5_0);

        MongoServer server = new MongoServer(backend);
        // No oplog: nothing here uses change streams, and the in-memory oplog grows with every write.
        server.bind(host, port);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (backend instanceof H2Backend) {
                ((H2Backend) backend).commit(); // flush pending writes before close
            }
            server.shutdown(); // stops listening, then backend.close()
        }, "mongo-stand-in-shutdown"));

        System.err.println("MongoStandIn listening on " + host + ":" + port
                + (a.length > 2 ? " (H2 file " + a[2] + ")" : " (in-memory)"));
        Thread.currentThread().join();
    }
}
