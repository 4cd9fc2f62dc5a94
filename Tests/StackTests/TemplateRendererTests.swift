import Testing
@testable import Stack

@Suite struct TemplateRendererTests {
    @Test func fillsPlainAndJSONPlaceholders() throws {
        let template = """
            {"family": "{{ family }}", "cpu": "{{service.cpu}}",
             "command": {{ command | json }}, "env": {{ env|json }}, "port": {{ service.port }}}
            """
        let rendered = try TemplateRenderer.render(template, file: "templates/taskdef.json", values: [
            "family": "max-tps-apne1-public-api",
            "service": ["cpu": 1024, "port": 8080],
            "command": ["public-api", "--serve"],
            "env": ["B": "two \"quoted\"\n", "A": 1, "C": true, "D": 0.5, "E": .null],
        ])
        #expect(rendered == """
            {"family": "max-tps-apne1-public-api", "cpu": "1024",
             "command": ["public-api","--serve"], "env": {"A":1,"B":"two \\"quoted\\"\\n","C":true,"D":0.5,"E":null}, "port": 8080}
            """)
    }

    @Test func insertedTextIsNotExpandedAgain() throws {
        let rendered = try TemplateRenderer.render("x={{ a }}", file: "t", values: ["a": "{{ b }}"])
        #expect(rendered == "x={{ b }}")
    }

    @Test func jsonEscapesControlCharacters() throws {
        let rendered = try TemplateRenderer.render("{{ s | json }}", file: "t", values: ["s": "a\u{01}\t\\b"])
        #expect(rendered == #""a\u0001\t\\b""#)
    }

    @Test func reportsEveryProblemWithFileAndLine() {
        let template = """
            {
              "family": "{{ family }}",
              "queue": "{{ queueUrl }}",
              "env": {{ env }},
              "x": {{ family | upper }},
              "y": "{{ not a key }}",
              "z": {{ service.memory | json }},
              "broken": {{ family
            }
            """
        do {
            _ = try TemplateRenderer.render(template, file: "templates/public-api.json", values: [
                "family": "f", "env": ["A": "1"], "service": ["cpu": 256],
            ])
            Issue.record("rendering with missing keys succeeded")
        } catch {
            #expect(error.description.split(separator: "\n").map(String.init) == [
                "templates/public-api.json:3: missing key 'queueUrl'",
                "templates/public-api.json:4: 'env' is an object; insert it with {{ env | json }}",
                "templates/public-api.json:5: unknown filter 'upper' for 'family'; the only filter is 'json'",
                "templates/public-api.json:6: '{{ not a key }}' is not a placeholder ({{ key }} or {{ key | json }})",
                "templates/public-api.json:7: missing key 'service.memory'",
                "templates/public-api.json:8: unterminated '{{' (no '}}' on this line)",
            ])
            #expect(error.diagnostics[0].column == 13)
        }
    }

    @Test func rendersAFileAndNamesItInErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tps-templates-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("policy.json").path
        try "{\"Resource\": {{ arn | json }}}\n{{ missing }}\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try TemplateRenderer.render(contentsOf: path, values: ["arn": "arn:aws:sqs:ap-northeast-1:1:q"])
            Issue.record("a missing key rendered")
        } catch {
            #expect(error.description == "\(path):2: missing key 'missing'")
        }
        try "{\"Resource\": {{ arn | json }}}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try TemplateRenderer.render(contentsOf: path, values: ["arn": "arn:aws:sqs:ap-northeast-1:1:q"])
                == "{\"Resource\": \"arn:aws:sqs:ap-northeast-1:1:q\"}\n")
        #expect(throws: TemplateRenderError.self) {
            try TemplateRenderer.render(contentsOf: path + ".absent", values: [:])
        }
    }
}

import Foundation
