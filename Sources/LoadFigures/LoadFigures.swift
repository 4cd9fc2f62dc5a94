import AWSClient

/// The deployment's own figures for the windows of a load run: the catalog's rows for the
/// region's recorded resources, read with GetMetricData window by window.
public enum LoadFigures {
    public static func collect(client: AWSClient, deployment: DeploymentDimensions,
                               windows: [FigureWindow]) async throws -> FiguresTable {
        // ElastiCache publishes per node: the group's member clusters are the CacheClusterId values.
        let group = try await ElastiCache(client: client).describeReplicationGroup(id: deployment.redisGroup)
        let nodes = group?.memberClusters ?? []
        let notes = nodes.isEmpty ? ["Redis replication group \(deployment.redisGroup) has no nodes in \(deployment.region): no Redis figures."] : []
        let rows = FigureCatalog.rows(deployment, redisNodes: nodes)
        var unique: [MetricQuery] = []
        var seen = Set<MetricQuery>()
        for query in rows.flatMap(\.queries) where seen.insert(query).inserted { unique.append(query) }
        let reader = MetricDataReader(client: client)
        var columns: [[Double?]] = []
        for window in windows {
            let found = try await reader.values(of: unique, in: window)
            columns.append(rows.map { row in
                row.compute(row.queries.map { query in query.combined(found[query] ?? []) }, window.measuredSeconds)
            })
        }
        let table = rows.enumerated().map { index, row in
            let values = columns.map { $0[index] }
            return (label: row.label, values: values, formatted: values.map(row.format))
        }
        return FiguresTable(region: deployment.region, windows: windows, rows: table, notes: notes)
    }
}
