import Foundation
import Testing
import Ticketing

@Suite("The Swift models are the contract's schemas")
struct ContractConformanceTests {
    let spec: OpenAPIDocument

    init() throws {
        spec = try OpenAPIDocument.load()
    }

    @Test("JSON keys: every property when full, exactly the required ones when minimal", arguments: Samples.examples)
    func keysEqualSchema(example: ContractExample) throws {
        let schema = try spec.schema(example.schema)
        let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        let required = Set(schema["required"] as? [String] ?? [])
        let full = try JSONDecoder().decode(RequestJSON.self, from: example.full)
        let minimal = try JSONDecoder().decode(RequestJSON.self, from: example.minimal)
        #expect(full.objectKeys == properties, "\(example.schema): model keys vs schema properties")
        #expect(minimal.objectKeys == required, "\(example.schema): minimal model keys vs schema required")
    }

    @Test("Encoded models validate against their schemas", arguments: Samples.examples)
    func validatesAgainstSchema(example: ContractExample) throws {
        let schema = try spec.schema(example.schema)
        for data in [example.full, example.minimal] {
            let value = try JSONDecoder().decode(RequestJSON.self, from: data)
            #expect(spec.violations(of: value, against: schema) == [])
        }
    }

    @Test("Models round-trip through JSON unchanged", arguments: Samples.examples)
    func roundTrips(example: ContractExample) {
        #expect(example.roundTrips)
    }

    @Test("The checker itself rejects a model that breaks the schema")
    func checkerCatchesViolations() throws {
        let value = RequestJSON.object(["userId": .string("bad id!"), "eventId": .integer(3), "extra": .null])
        let found = spec.violations(of: value, against: try spec.schema("EnterRequest"))
        #expect(found.count == 3, "\(found)")
    }

    @Test("Every request schema forbids unknown members and requires every member")
    func requestsAreStrict() throws {
        let requests: [(String, [String])] = [
            ("EnterRequest", EnterRequest.fieldNames), ("HoldRequest", HoldRequest.fieldNames),
            ("ReleaseRequest", ReleaseRequest.fieldNames), ("PaymentIntentRequest", PaymentIntentRequest.fieldNames),
            ("PaymentCallback", PaymentCallback.fieldNames), ("CommitRequest", CommitRequest.fieldNames),
        ]
        for (name, fields) in requests {
            let schema = try spec.schema(name)
            #expect(schema["additionalProperties"] as? Bool == false, "\(name)")
            #expect(Set(schema["required"] as? [String] ?? []) == Set(fields), "\(name)")
            #expect(Set((schema["properties"] as? [String: Any] ?? [:]).keys) == Set(fields), "\(name)")
        }
    }

    @Test("Swift enums list exactly the contract's enum values")
    func enumsMatch() throws {
        func values(_ schema: String) throws -> Set<String> { Set(try spec.schema(schema)["enum"] as? [String] ?? []) }
        #expect(try values("ErrorCode") == Set(ErrorCode.allCases.map(\.rawValue)))
        #expect(try values("RejectionReason") == Set(RejectionReason.allCases.map(\.rawValue)))
        #expect(try values("SeatState") == Set(SeatState.allCases.map(\.rawValue)))
        #expect(try values("OrderState") == Set(OrderState.allCases.map(\.rawValue)))
        #expect(try values("PaymentState") == Set(PaymentState.allCases.map(\.rawValue)))
        #expect(try values("CallbackOutcome") == Set(CallbackOutcome.allCases.map(\.rawValue)))
        #expect(try values("HealthState") == Set(HealthState.allCases.map(\.rawValue)))
        let service = try #require((try spec.schema("HealthReport")["properties"] as? [String: Any])?["service"]
            as? [String: Any])
        #expect(Set(service["enum"] as? [String] ?? []) == Set(ServiceRole.allCases.map(\.rawValue)))
    }

    @Test("Every endpoint of the services is in the contract with its status codes")
    func pathsAndStatuses() throws {
        let expected: [(String, String, Set<String>)] = [
            ("/public/enter", "post", ["200", "400", "404", "409", "415", "429", "503"]),
            ("/public/room-status", "get", ["200", "400", "401", "429", "503"]),
            ("/public/summary/{eventId}/{section}", "get", ["200", "304", "400", "404", "429", "503"]),
            ("/public/seats/{eventId}", "get", ["200", "304", "400", "404", "429", "503"]),
            ("/public/hold", "post", ["201", "400", "401", "403", "404", "409", "415", "429", "503"]),
            ("/public/release", "post", ["200", "400", "404", "409", "415", "429", "503"]),
            ("/public/health", "get", ["200", "503"]),
            ("/public/ping", "get", ["200"]),
            ("/confirm/payment-intent", "post", ["200", "201", "400", "401", "403", "404", "409", "415", "422", "429", "503"]),
            ("/confirm/payment-callback", "post", ["200", "400", "401", "404", "409", "415", "422", "503"]),
            ("/confirm/commit", "post", ["202", "400", "401", "403", "404", "409", "415", "422", "429", "503"]),
            ("/confirm/status", "get", ["200", "304", "400", "404", "429", "503"]),
            ("/confirm/health", "get", ["200", "503"]),
        ]
        #expect(Set(spec.paths.keys) == Set(expected.map(\.0)))
        for (path, method, statuses) in expected {
            let responses = try #require(try spec.operation(path, method)["responses"] as? [String: Any])
            #expect(Set(responses.keys) == statuses, "\(method) \(path)")
            for (status, response) in responses where status.hasPrefix("4") || status.hasPrefix("5") {
                let content = spec.resolve(response)["content"] as? [String: Any] ?? [:]
                if path.hasSuffix("/health") { continue }
                #expect(Set(content.keys) == [Problem.contentType], "\(method) \(path) \(status)")
                let schema = (content[Problem.contentType] as? [String: Any])?["schema"] as? [String: Any]
                #expect(schema?["$ref"] as? String == "#/components/schemas/Problem", "\(method) \(path) \(status)")
            }
        }
    }

    @Test("Every problem code's status is one the contract answers with")
    func problemStatusesAreDeclared() throws {
        var declared: Set<Int> = []
        for case let item as [String: Any] in spec.paths.values {
            for case let operation as [String: Any] in item.values {
                for status in (operation["responses"] as? [String: Any] ?? [:]).keys { declared.insert(Int(status)!) }
            }
        }
        // internal-error is never meant to be answered; method-not-allowed answers the methods
        // the contract does not declare, so no operation can list it.
        for code in ErrorCode.allCases where code != .internalError && code != .methodNotAllowed {
            #expect(declared.contains(code.status), "\(code.rawValue) answers \(code.status)")
        }
    }

    @Test("Every write answered only in the home region declares its 409 (wrong-region)")
    func writesDeclareWrongRegion() throws {
        for (path, method) in [("/public/enter", "post"), ("/public/hold", "post"), ("/public/release", "post"),
                               ("/confirm/payment-intent", "post"), ("/confirm/commit", "post")] {
            let responses = try #require(try spec.operation(path, method)["responses"] as? [String: Any])
            #expect(responses["409"] != nil, "\(method) \(path)")
        }
        #expect(ErrorCode.wrongRegion.status == 409)
    }

    @Test("Required request headers and the response headers of the contract")
    func headers() throws {
        func requiredHeaders(_ path: String, _ method: String) throws -> Set<String> {
            Set(spec.parameters(of: try spec.operation(path, method))
                .filter { $0["in"] as? String == "header" && $0["required"] as? Bool == true }
                .compactMap { $0["name"] as? String })
        }
        #expect(try requiredHeaders("/confirm/payment-intent", "post") == [IdempotencyHeaders.key, RoomToken.headerName])
        #expect(try requiredHeaders("/confirm/commit", "post") == [IdempotencyHeaders.key, RoomToken.headerName])
        #expect(try requiredHeaders("/public/hold", "post") == [RoomToken.headerName])
        #expect(try requiredHeaders("/confirm/payment-callback", "post") == [PaymentSignature.headerName])

        func responseHeaders(_ path: String, _ method: String, _ status: String) throws -> Set<String> {
            let responses = try #require(try spec.operation(path, method)["responses"] as? [String: Any])
            return Set((spec.resolve(responses[status])["headers"] as? [String: Any] ?? [:]).keys)
        }
        #expect(try responseHeaders("/confirm/payment-intent", "post", "200").contains(IdempotencyHeaders.replay))
        #expect(try responseHeaders("/confirm/commit", "post", "202").isSuperset(of: ["Location", IdempotencyHeaders.replay]))
        #expect(try responseHeaders("/confirm/status", "get", "200").isSuperset(of: ["ETag", "Cache-Control"]))
        #expect(try responseHeaders("/public/summary/{eventId}/{section}", "get", "200")
            .isSuperset(of: ["ETag", "Cache-Control"]))
        #expect(try responseHeaders("/public/hold", "post", "429").contains("Retry-After"))
    }

    @Test("A generated Location and callback signature satisfy the contract's header patterns")
    func headerPatterns() throws {
        let location = spec.resolve(try spec.schema("CommitAccepted")["properties"].flatMap {
            ($0 as? [String: Any])?["statusUrl"] })["pattern"] as? String
        #expect(spec.matches(CommitAccepted.statusPath(idem: "commit-key-0001"), pattern: try #require(location)))
        let signatureParameter = try #require(spec.resolve(
            (spec.root["components"] as? [String: Any]).flatMap { ($0["parameters"] as? [String: Any])?["PaymentSignatureHeader"] }))
        let pattern = try #require(spec.resolve(signatureParameter["schema"])["pattern"] as? String)
        let header = PaymentSignature(secret: SecretValue(String(repeating: "k", count: 32)))
            .header(for: Data("{}".utf8), at: Samples.when)
        #expect(spec.matches(header, pattern: pattern))
    }

    @Test("FieldRules accept exactly what the contract's patterns accept")
    func fieldRulesMatchPatterns() throws {
        func pattern(_ schema: String) throws -> String { try #require(try spec.schema(schema)["pattern"] as? String) }
        let long = String(repeating: "a", count: 64)
        let identifiers = ["a", "A9", "evt-0001", "S01_2", long, "", "-a", "_a", "a b", "a.b", "é", long + "a", "a/b"]
        for sample in identifiers {
            #expect(FieldRules.isIdentifier(sample) == spec.matches(sample, pattern: try pattern("Identifier")), "\(sample)")
        }
        let keys = ["12345678", "commit-key-0001", String(repeating: "k", count: 128), "1234567",
                    String(repeating: "k", count: 129), "key with space", "key.with.dot1"]
        for sample in keys {
            #expect(FieldRules.isIdempotencyKey(sample) == spec.matches(sample, pattern: try pattern("IdempotencyKey")),
                    "\(sample)")
        }
        let ids = [Samples.intentId, Samples.intentId.uppercased(), "3f2c7a5193b44d0e9a510c7e5d1f2a64",
                   "3f2c7a51-93b4-4d0e-9a51-0c7e5d1f2a6", "gf2c7a51-93b4-4d0e-9a51-0c7e5d1f2a64"]
        for sample in ids {
            #expect(FieldRules.isServerId(sample) == spec.matches(sample, pattern: try pattern("ServerId")), "\(sample)")
        }
        let tokens = ["a.b", "abc_-.x-_", ".b", "a.", "a.b.c", "a b.c", "ab"]
        for sample in tokens {
            #expect(FieldRules.isRoomTokenShape(sample) == spec.matches(sample, pattern: try pattern("RoomToken")),
                    "\(sample)")
        }
        for sample in ["JPY", "KRW", "jpy", "JP", "JPYY"] {
            #expect(FieldRules.isCurrency(sample) == spec.matches(sample, pattern: try pattern("Currency")), "\(sample)")
        }
        let seatIds = try spec.schema("SeatIds")
        #expect(seatIds["maxItems"] as? Int == FieldRules.maxSeatsPerRequest)
        #expect(try spec.schema("Amount")["maximum"] as? Int == Int(FieldRules.maxAmount))
    }
}
