import ContainerImage
import Foundation
import Stack

/// Tiny images for stage 01: a static C program that answers `GET /public/health` on $PORT
/// (on loopback, or every address when BIND_ANY is set, as a task behind an ALB must), and
/// `GET /has/<NAME>` with 200 when the variable NAME is set and not empty, else 404 (so a test
/// sees which secrets a task got without ever seeing a value), also under any prefix
/// (`/confirm/has/NAME`, so a test sees which service a load balancer rule reached);
/// `GET …/header/<Name>` with that request header's value (404 when absent), so a test sees
/// what a proxy sent; any other `GET` with `ok`; `healthcheck` as its argument
/// connects to its own port (exit 0) unless HEALTH_FAIL is set, and `migrate` (stage 08's task)
/// exits 0 at once,
/// compiled once per test process with the system gcc, packaged by the real ImageBuilder under
/// each service's name (so each service gets its own digest) into `<state dir>/images`.
enum TestImages {
    static let source = #"""
    #include <arpa/inet.h>
    #include <netinet/in.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <strings.h>
    #include <sys/socket.h>
    #include <unistd.h>

    int main(int argc, char **argv) {
        const char *port = getenv("PORT");
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port ? atoi(port) : 8080) };
        /* Stage 08's task (`confirm-worker migrate …`, after the entrypoint): no schema to apply here. */
        for (int i = 1; i < argc && i < 3; i++) {
            if (strcmp(argv[i], "migrate") == 0) { puts("test image: no migrations to apply"); return 0; }
        }
        if (argc > 1 && strcmp(argv[1], "healthcheck") == 0) {
            /* The container health check: healthy when the server accepts on its port. */
            if (getenv("HEALTH_FAIL")) return 1;
            int probe = socket(AF_INET, SOCK_STREAM, 0);
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            return connect(probe, (struct sockaddr *)&address, sizeof address) == 0 ? 0 : 1;
        }
        int server = socket(AF_INET, SOCK_STREAM, 0);
        address.sin_addr.s_addr = htonl(getenv("BIND_ANY") ? INADDR_ANY : INADDR_LOOPBACK);
        int one = 1;
        setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(server, (struct sockaddr *)&address, sizeof address) != 0 || listen(server, 16) != 0) return 1;
        for (;;) {
            int client = accept(server, NULL, NULL);
            if (client < 0) continue;
            char request[2048] = {0}, echo[2200];
            read(client, request, sizeof request - 1);
            const char *answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
            size_t line = strcspn(request, "\r\n");
            char *has = strstr(request, "/has/"), *header = strstr(request, "/header/");
            if (header && header < request + line) {
                size_t length = strcspn(header + 8, " ?\r\n");
                answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 6\r\nConnection: close\r\n\r\nabsent";
                for (char *at = strstr(request, "\r\n"); at && length; at = strstr(at + 2, "\r\n")) {
                    if (strncasecmp(at + 2, header + 8, length) != 0 || at[2 + length] != ':') continue;
                    char *value = at + 3 + length;
                    while (*value == ' ') value++;
                    int size = (int)strcspn(value, "\r\n");
                    snprintf(echo, sizeof echo, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%.*s", size, size, value);
                    answer = echo;
                    break;
                }
            } else if (strncmp(request, "GET ", 4) == 0 && has && has < request + line) {
                char name[256] = {0};
                size_t length = strcspn(has + 5, " ?\r\n");
                if (length < sizeof name) memcpy(name, has + 5, length);
                const char *value = getenv(name);
                if (!value || !*value) answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\nConnection: close\r\n\r\nunset";
                else answer = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nset";
            }
            write(client, answer, strlen(answer));
            close(client);
        }
    }
    """#

    /// The compiled binary, shared by every test of the process.
    static let binary: Result<String, any Error> = Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stages-test-image-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sourcePath = directory.appendingPathComponent("health.c").path
        let output = directory.appendingPathComponent("health").path
        try source.write(toFile: sourcePath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gcc")
        process.arguments = ["-O2", "-static", "-o", output, sourcePath]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MissingServer("gcc -static failed (apt-get install gcc libc6-dev)") }
        return output
    }

    /// Builds every service's image into `imagesDirectory`, tagged `revision`, and the load bot's.
    @discardableResult
    static func build(into imagesDirectory: URL, revision: String, services: [ServiceName] = ServiceName.allCases,
                      marker: String = "", loadBot: Bool = true) throws -> [ServiceName: BuiltImage] {
        var options = try ImageBuildOptions(environment: [:])
        options.revision = revision
        var images: [ServiceName: BuiltImage] = [:]
        for service in services {
            let output = imagesDirectory.appendingPathComponent(service.rawValue).path
            _ = try ImageBuilder(options: options).build(
                service: service.rawValue, binary: try binary.get(), port: service.servesHTTP ? 8080 : nil, env: [:],
                labels: marker.isEmpty ? [:] : ["test.marker": marker], outputDir: output)
            images[service] = try BuiltImage.open(at: output)
        }
        if loadBot {
            // Stage 01 also ships the load bot's image (only `load run --ecs` runs it).
            _ = try ImageBuilder(options: options).build(
                service: LoadBot.name, binary: try binary.get(), port: nil, env: [:],
                labels: marker.isEmpty ? [:] : ["test.marker": marker],
                outputDir: imagesDirectory.appendingPathComponent(LoadBot.name).path)
        }
        return images
    }
}
