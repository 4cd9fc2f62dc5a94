/// What a push must send, read from a layout before anything goes out: the distinct blobs
/// (layers and configs), the platform manifests, and the top document the tag will name.
struct PushPlan {
    struct Document {
        let descriptor: OCIDescriptor
        let bytes: [UInt8]
    }

    struct Blob {
        let digest: Digest
        let size: Int64
    }

    let top: Document
    let manifests: [Document]
    let blobs: [Blob]

    init(layout: ImageLayoutDirectory) throws {
        let entries = try layout.readIndex().manifests
        guard entries.count == 1, let entry = entries.first else {
            throw ContainerImageError.invalidLayout(path: layout.path, reason: "index.json lists \(entries.count) images, expected 1")
        }
        let topBytes = try layout.readBlob(entry.digest)
        top = Document(descriptor: OCIDescriptor(mediaType: entry.mediaType, digest: entry.digest, size: entry.size), bytes: topBytes)
        var manifestDescriptors: [OCIDescriptor] = []
        var manifests: [Document] = []
        if OCIMediaType.isIndex(entry.mediaType) {
            let index = try CanonicalJSON.decode(OCIIndex.self, from: topBytes, source: layout.blobPath(entry.digest))
            manifestDescriptors = index.manifests
            for descriptor in index.manifests {
                manifests.append(Document(descriptor: descriptor, bytes: try layout.readBlob(descriptor.digest)))
            }
        } else {
            manifestDescriptors = [entry]
        }
        var blobs: [Blob] = []
        var seen: Set<Digest> = []
        for descriptor in manifestDescriptors {
            let manifest = try layout.readJSONBlob(OCIManifest.self, descriptor.digest)
            for blob in manifest.layers + [manifest.config] where !seen.contains(blob.digest) {
                seen.insert(blob.digest)
                guard let info = try lstatIfPresent(layout.blobPath(blob.digest)), isRegularFile(info) else {
                    throw ContainerImageError.invalidLayout(path: layout.path, reason: "blob \(blob.digest) is missing")
                }
                guard Int64(info.st_size) == blob.size else {
                    throw ContainerImageError.invalidLayout(path: layout.path, reason: "blob \(blob.digest) has \(info.st_size) bytes, its descriptor says \(blob.size)")
                }
                blobs.append(Blob(digest: blob.digest, size: blob.size))
            }
        }
        self.manifests = manifests
        self.blobs = blobs
    }
}
