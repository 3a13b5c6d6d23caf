public import Foundation
public import Logging
import MakegoodDomain
public import MakegoodStore
public import ServiceLifecycle

/// Runs what is due, every `interval`, inside `makegood serve`: each instance's missed runs execute in order,
/// and the database claim makes sure a run happens once however many nodes tick. `now` is the clock every rule
/// goes by (the system clock, or `serve --clock-file`).
public struct AlertSchedulerService: Service {
    let store: Store
    let links: AlertRun.Links
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Date
    /// Called after each tick, so the outbox worker can send at once what a run queued.
    let afterTick: @Sendable () async -> Void

    public init(
        store: Store, links: AlertRun.Links, interval: Duration = .seconds(30), logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init, afterTick: @escaping @Sendable () async -> Void = {}
    ) {
        self.store = store
        self.links = links
        self.interval = interval
        self.logger = logger
        self.now = now
        self.afterTick = afterTick
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await tick()
                await afterTick()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One pass over every instance; a failure in one instance is logged and does not stop the others.
    func tick() async {
        do {
            let instances = try await store.read { try await $0.instances.all() }
            await instances.concurrentMap(width: AlertRun.width) { instance in
                do {
                    try await DataErrorDigest.sendIfDue(instance: instance, store: store, baseURL: links.baseURL, now: now())
                    let runs = try await AlertRun.runDue(instance: instance, at: now(), store: store, links: links, now: now())
                    for run in runs {
                        logger.info("alert run", metadata: ["cpc": "\(run.cpc)", "day": "\(run.day)", "responses": "\(run.responses)"])
                    }
                    // After the runs, which open the cases of what they report.
                    if let chased = try await CaseChaser.sendDue(instance: instance, store: store, links: links, now: now()) {
                        logger.info(
                            "cases chased",
                            metadata: ["cpc": "\(chased.cpc)", "reminders": "\(chased.reminders)", "escalated": "\(chased.escalatedCases)"])
                    }
                    let resurveyed = try await Resurveyor.sendDue(instance: instance, store: store, links: links, now: now())
                    if resurveyed > 0 { logger.info("customers re-surveyed", metadata: ["cpc": "\(instance.cpc)", "surveys": "\(resurveyed)"]) }
                } catch {
                    logger.error("alert run failed", metadata: ["cpc": "\(instance.cpc)", "error": "\(error)"])
                }
            }
        } catch {
            logger.error("alert scheduler could not read instances", metadata: ["error": "\(error)"])
        }
    }
}
