import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func listSegments(_ input: Operations.ListSegments.Input) async throws -> Operations.ListSegments.Output {
        let segments = try await read { scope, _ in try await scope.segments.list() }
        return .ok(.init(body: .json(.init(items: segments.map(Components.Schemas.Segment.init)))))
    }

    func putSegment(_ input: Operations.PutSegment.Input) async throws -> Operations.PutSegment.Output {
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the segment as JSON") }
        let segment = try Segment(code: input.path.code, name: body.name)
        let now = now()
        let created = try await write { scope, _ in try await scope.segments.put(segment, now: now) }
        let answer = Components.Schemas.Segment(segment)
        return created ? .created(.init(body: .json(answer))) : .ok(.init(body: .json(answer)))
    }
}

extension Components.Schemas.Segment {
    init(_ segment: Segment) {
        self.init(code: segment.code, name: segment.name)
    }
}
