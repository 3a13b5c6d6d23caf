// The baseline for `make bench`: the bare Hummingbird 2 POST route that the ingest figure is compared with.
// Same framework, same listening setup and the same path as Makegood's ingest endpoint, but no auth,
// no JSON decoding and no database: it reads the whole body and answers 201 with a small JSON body.
//
//   bench-bare-route [--hostname H] [--port P]      (default 127.0.0.1:8099)
import Foundation
import Hummingbird

var hostname = "127.0.0.1"
var port = 8099
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--hostname": hostname = arguments.next() ?? hostname
    case "--port": port = arguments.next().flatMap { Int($0) } ?? port
    default:
        FileHandle.standardError.write(Data("usage: bench-bare-route [--hostname H] [--port P]\n".utf8))
        exit(2)
    }
}

let router = Router()
router.post("/api/v1/survey-responses") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 1 << 20)
    let answer = "{\"received\":\(body.readableBytes)}"
    return Response(
        status: .created,
        headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: answer))
    )
}
router.get("/health") { _, _ -> HTTPResponse.Status in .ok }

let app = Application(
    router: router,
    configuration: .init(address: .hostname(hostname, port: port), serverName: "bench-bare-route")
)
try await app.runService()
