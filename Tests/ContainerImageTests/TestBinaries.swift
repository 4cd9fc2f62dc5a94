import Foundation

/// Small executables compiled by the test with the system gcc: a dynamically linked HTTP
/// responder (the image's "service") and a static one, so library discovery is exercised
/// on both kinds of binary.
enum TestBinaries {
    /// Answers GET /public/health with "ok user=<name> uid=<uid> tmp=<writable> proc=<mounted>"
    /// on 127.0.0.1:$PORT.
    static let healthServerSource = #"""
    #include <arpa/inet.h>
    #include <netinet/in.h>
    #include <pwd.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <sys/socket.h>
    #include <unistd.h>

    int main(void) {
        const char *port = getenv("PORT");
        if (!port) { fprintf(stderr, "PORT not set\n"); return 2; }
        int server = socket(AF_INET, SOCK_STREAM, 0);
        int yes = 1;
        setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(atoi(port)) };
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(server, (struct sockaddr *)&address, sizeof address) != 0 || listen(server, 16) != 0) { perror("bind"); return 1; }
        fprintf(stderr, "listening on %s\n", port);
        for (;;) {
            int client = accept(server, NULL, NULL);
            if (client < 0) continue;
            char request[4096] = {0};
            read(client, request, sizeof request - 1);
            char body[256];
            int status = 404;
            if (strncmp(request, "GET /public/health ", 19) == 0) {
                struct passwd *user = getpwuid(getuid());
                FILE *probe = fopen("/tmp/probe", "w");
                snprintf(body, sizeof body, "ok user=%s uid=%d tmp=%s proc=%s", user ? user->pw_name : "?", (int)getuid(),
                         probe ? "writable" : "readonly", access("/proc/self/stat", R_OK) == 0 ? "mounted" : "missing");
                if (probe) fclose(probe);
                status = 200;
            } else {
                snprintf(body, sizeof body, "not found");
            }
            char response[512];
            int length = snprintf(response, sizeof response, "HTTP/1.1 %d %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                  status, status == 200 ? "OK" : "Not Found", strlen(body), body);
            write(client, response, length);
            close(client);
        }
    }
    """#

    static func compileHealthServer(in directory: String, static isStatic: Bool = false) throws -> String {
        let source = directory + "/health-server.c"
        let output = directory + (isStatic ? "/health-server-static" : "/health-server")
        try healthServerSource.write(toFile: source, atomically: true, encoding: .utf8)
        try run("/usr/bin/gcc", ["-O2", "-g"] + (isStatic ? ["-static"] : []) + ["-o", output, source])
        return output
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            struct Failed: Error, CustomStringConvertible { let description: String }
            throw Failed(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(output)")
        }
        return output
    }
}
