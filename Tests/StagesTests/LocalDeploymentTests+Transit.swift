import AWSClient
@testable import DatabaseMigrations
import Foundation
import PostgresNIO
import Stack
import Stages
import Testing
@testable import StagesTestSupport

extension ServiceStages.LocalDeploymentTests {
    /// The deployment's services reach PostgreSQL and Redis over TLS they verify, as on AWS: the
    /// task definitions say `verify-full` against the CA file in the images (the testenv CA standing
    /// in for the RDS bundle) and Redis's CA file, and every connection the tasks hold to the
    /// deployment's database is encrypted.
    static func verifiedInTransit(_ deployment: LocalDeployment) async throws {
        let stack = try StackLoader.load(path: deployment.test.stackFile.path)
        let ecs = ECS(client: try deployment.test.client("ap-northeast-1"))
        for service in ServiceName.allCases {
            let family = TaskDefinitionRenderer.family(stack: stack, region: .apNortheast1, service: service)
            let definition = try await ecs.describeTaskDefinition(family, includeTags: false)
            let pairs = definition.document["containerDefinitions"]?[0]?["environment"]?.array ?? []
            let environment = Dictionary(uniqueKeysWithValues: pairs.compactMap { pair in
                pair["name"]?.string.flatMap { name in pair["value"]?.string.map { (name, $0) } }
            })
            #expect(environment["DB_SSLMODE"] == "verify-full", "\(family): \(environment)")
            #expect(environment["DB_SSLROOTCERT"] == TransitTrust.databaseCAPath, "\(family)")
            #expect(environment["REDIS_TLS"] == "true" && environment["REDIS_CA_FILE"] == TransitTrust.redisCAPath, "\(family)")
        }

        let connection = try await PostgresConnection.connect(configuration: try deployment.admin.connectionConfiguration(),
                                                              id: 1, logger: .init(label: "test"))
        defer { Task { try? await connection.close() } }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl)
            FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.datname = '\(deployment.database)'
            """), logger: .init(label: "test"))
        for try await (encrypted, plain) in rows.decode((Int64, Int64).self) {
            #expect(encrypted > 0, "the services hold connections to the deployment's database")
            #expect(plain == 0, "\(plain) connections to the deployment's database are not encrypted")
        }
    }
}
