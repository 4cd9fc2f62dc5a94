import ContainerImage
import Foundation
import Stack

/// Tiny images for stage 01: a static C program that answers `GET /public/health` on $PORT,
/// compiled once per test process with the system gcc, packaged by the real ImageBuilder under
/// each service's name (so each service gets its own digest) into `<state dir>/images`.
enum TestImages {
    static let source = #"""
    #include <arpa/inet.h>
    #include <netinet/in.h>
    #include <stdlib.h>
    #include <string.h>
    #include <sys/socket.h>
    #include <unistd.h>

    int main(void) {
        const char *port = getenv("PORT");
        int server = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port ? atoi(port) : 8080) };
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(server, (struct sockaddr *)&address, sizeof address) != 0 || listen(server, 16) != 0) return 1;
        for (;;) {
            int client = accept(server, NULL, NULL);
            if (client < 0) continue;
            char request[2048] = {0};
            read(client, request, sizeof request - 1);
            const char *answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
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

    /// Builds every service's image into `imagesDirectory`, tagged `revision`.
    @discardableResult
    static func build(into imagesDirectory: URL, revision: String, services: [ServiceName] = ServiceName.allCases,
                      marker: String = "") throws -> [ServiceName: BuiltImage] {
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
        return images
    }
}
