/// Unpacks an image's layers, in order, into a root filesystem directory: each layer is read
/// from the layout, gunzipped, checked against its diff ID and written with `RootfsWriter`
/// (safe paths only).
public struct LayerUnpacker: Sendable {
    public init() {}

    /// Returns the number of tar members written.
    @discardableResult
    public func unpack(manifest: OCIManifest, config: OCIImageConfig, from layout: ImageLayoutDirectory, into root: String) throws -> Int {
        guard config.rootfs.diff_ids.count == manifest.layers.count else {
            throw ContainerImageError.invalidLayout(path: layout.path, reason: "\(manifest.layers.count) layers but \(config.rootfs.diff_ids.count) diff IDs")
        }
        let writer = try RootfsWriter(root: root)
        for (layer, diffID) in zip(manifest.layers, config.rootfs.diff_ids) {
            let parser = TarStreamParser(handler: writer)
            let uncompressed = DigestingSink(downstream: parser)
            let first: any ByteSink
            switch layer.mediaType {
            case OCIMediaType.layerGzip, OCIMediaType.dockerLayerGzip: first = try GzipDecompressor(downstream: uncompressed)
            case "application/vnd.oci.image.layer.v1.tar": first = uncompressed
            default: throw ContainerImageError.invalidLayout(path: layout.path, reason: "unsupported layer media type \(layer.mediaType)")
            }
            let input = try FileInput(path: layout.blobPath(layer.digest))
            defer { input.close() }
            var chunk = [UInt8](repeating: 0, count: 1024 * 1024)
            while true {
                let count = try input.read(into: &chunk)
                if count == 0 { break }
                try chunk.withUnsafeBytes { try first.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            }
            try first.finish()
            guard uncompressed.digest == diffID else {
                throw ContainerImageError.digestMismatch(what: "diff ID of layer \(layer.digest)", expected: diffID, actual: uncompressed.digest!)
            }
        }
        return writer.memberCount
    }
}
