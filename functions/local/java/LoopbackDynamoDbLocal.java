// DynamoDB Local bound to the loopback interface. DynamoDB Local has no option for the address it listens on (its
// Jetty server takes every interface) and accepts any credentials, so anyone on the network could read every
// applicant's name and phone. This starts it exactly as its own main class does, from the same command-line
// arguments, but sets each connector's host to 127.0.0.1 before the server starts. Run by functions/local/
// dynamodb-local.ts with Java's single-file source launcher (no build step).
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field jetty = DynamoDBProxyServer.class.getDeclaredField("server");
    jetty.setAccessible(true);
    for (Connector connector : ((Server) jetty.get(proxy)).getConnectors()) ((ServerConnector) connector).setHost("127.0.0.1");
    proxy.start();
  }
}
