import Foundation
import HeadroomAnalysis
import HeadroomStore
import Logging
import Synchronization

/// Executes queued runs, at most `maxConcurrentRuns` at once and in the order they were queued, each within the
/// run time limit; records progress and results in the store and publishes every change as an event.
///
/// Its bookkeeping (waiting, running, reserved places, stages) is under one lock and never waits, so admitting a
/// run answers at once whatever the runs and the thread pools are doing.
final class RunQueue: Sendable {
    private let store: ScenarioStore
    private let configuration: ServerConfiguration
    private let events: RunEvents
    private let metrics: ServerMetrics
    private let work: BlockingWork
    private let logger: Logger

    private struct State {
        var waiting: [String] = []
        /// Places promised to requests that are storing their run (so that concurrent requests cannot overfill the
        /// queue).
        var reserved = 0
        var running: [String: Task<Void, Never>] = [:]
        /// Each running run's last stage (the optimizer's phases), shown in its status.
        var stages: [String: String] = [:]
    }

    private let state = Mutex(State())

    /// A queue with nothing waiting.
    init(
        store: ScenarioStore, configuration: ServerConfiguration, events: RunEvents, metrics: ServerMetrics,
        work: BlockingWork, logger: Logger
    ) {
        self.store = store
        self.configuration = configuration
        self.events = events
        self.metrics = metrics
        self.work = work
        self.logger = logger
        metrics.recordQueue(running: 0, queued: 0)
    }

    /// How many runs execute and how many wait.
    var counts: (running: Int, queued: Int) { state.withLock { ($0.running.count, $0.waiting.count) } }

    /// Promises a place to a run about to be stored; ``submit(_:reserved:)`` takes it, ``release()`` gives it back.
    /// - Returns: whether there was room (false: 503 with `Retry-After`).
    func reserve() -> Bool {
        state.withLock { state in
            let free = max(0, configuration.maxConcurrentRuns - state.running.count)
            guard state.waiting.count + state.reserved < configuration.maxQueuedRuns + free else { return false }
            state.reserved += 1
            return true
        }
    }

    /// Gives back a place promised by ``reserve()`` (the run was not stored).
    func release() { state.withLock { $0.reserved = max(0, $0.reserved - 1) } }

    /// The stage a running run last reported.
    func stage(of id: String) -> String? { state.withLock { $0.stages[id] } }

    /// Queues the stored run `run` (already `queued` in the store) and starts it when a slot is free; takes the
    /// place ``reserve()`` promised, when `reserved`.
    func submit(_ run: StoredRun, reserved promised: Bool) {
        events.publish(run.id, name: "status", data: RunBody(run, scenario: run.scenarioID).json)
        state.withLock { state in
            if promised { state.reserved = max(0, state.reserved - 1) }
            state.waiting.append(run.id)
        }
        pump()
    }

    /// Cancels run `id`: a waiting run leaves the queue, a running one stops within one wave of paths.
    /// - Returns: the cancelled run.
    /// - Throws: ``StoreError`` when it does not exist or has already ended.
    func cancel(_ id: String, by caller: String) throws(StoreError) -> StoredRun {
        let cancelled = try store.cancelRun(id, by: caller)
        let task = state.withLock { state in
            state.waiting.removeAll { $0 == id }
            return state.running[id]
        }
        task?.cancel()
        publishFinal(cancelled)
        metrics.recordRunEnded(kind: cancelled.kind, status: cancelled.status.rawValue, seconds: 0)
        recordQueue()
        return cancelled
    }

    /// Starts waiting runs while slots are free.
    private func pump() {
        state.withLock { state in
            while state.running.count < configuration.maxConcurrentRuns, !state.waiting.isEmpty {
                let id = state.waiting.removeFirst()
                state.running[id] = Task { await self.execute(id) }
            }
        }
        recordQueue()
    }

    private func recordQueue() {
        let (running, queued) = counts
        metrics.recordQueue(running: running, queued: queued)
    }

    private func finished(_ id: String) {
        state.withLock { state in
            state.running[id] = nil
            state.stages[id] = nil
        }
        pump()
    }

    private func setStage(_ stage: String, of id: String) { state.withLock { $0.stages[id] = stage } }

    private func publishFinal(_ run: StoredRun) {
        events.publish(
            run.id, name: "status", data: RunBody(run, scenario: run.scenarioID).json, final: true)
    }

    private func publish(_ run: StoredRun) {
        events.publish(
            run.id, name: run.status == .running ? "progress" : "status",
            data: RunBody(run, scenario: run.scenarioID, stage: stage(of: run.id)).json)
    }

    /// What a run produced: its result, an analysis error, or the time limit.
    private enum Ending: Sendable {
        case done(Result<AnalysisRun, AnalysisError>)
        case timedOut
    }

    private func execute(_ id: String) async {
        defer { finished(id) }
        let started = ContinuousClock.now
        let request: AnalysisRequest
        let kind: String
        do {
            let store = self.store
            let run = try await work.write { try store.startRun(id) }
            kind = run.kind
            let options = try RunOptions.stored(run.optionsJSON)
            let version = try store.version(scenario: run.scenarioID, hash: run.versionHash)
            let other = try options.against.map { hash throws(StoreError) in
                try store.version(scenario: run.scenarioID, hash: hash)
            }
            request = options.request(
                text: version.text, file: "\(version.scenarioID)@\(version.hash.prefix(12))",
                other: other.map { ($0.text, "\($0.scenarioID)@\($0.hash.prefix(12))") },
                threads: configuration.threadsPerRun, timeLimit: configuration.runTimeLimit)
            publish(run)
        } catch {
            // A run cancelled while waiting, or a store failure: nothing to execute; its final state is published.
            _ = try? await work.write { [store] in try store.failRun(id, error: "\(error)") }
            if let run = try? store.run(id), run.status.isFinal { publishFinal(run) }
            return
        }
        let (progress, progressSink) = AsyncStream<AnalysisProgress>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let reporter = Task { await self.follow(id, progress) }
        let limit = configuration.runTimeLimit
        let ending = await withTaskGroup(of: Ending.self) { group in
            group.addTask {
                do throws(AnalysisError) {
                    return .done(.success(try await Analyzer.run(request, progress: { progressSink.yield($0) })))
                } catch {
                    return .done(.failure(error))
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(limit))
                return .timedOut
            }
            let first = await group.next() ?? .timedOut
            group.cancelAll()
            if case .timedOut = first {
                // Say so at once; the slot stays taken until the analysis stops (within one wave of paths).
                if !Task.isCancelled { await self.stopAtTimeLimit(id, kind: kind, limit: limit, started: started) }
                _ = await group.next()
            }
            return first
        }
        progressSink.finish()
        await reporter.value
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        let ended: StoredRun?
        switch ending {
        case .done(.success(let analysis)) where !Task.isCancelled:
            do {
                let json = try ResultCoding.encode(analysis)
                ended = try await work.write { [store] in try store.finishRun(id, resultJSON: json) }
            } catch {
                logger.error("run \(id): the result could not be saved: \(error)")
                let message = "the result could not be saved: \(error)"
                ended = try? await work.write { [store] in try store.failRun(id, error: message) }
            }
        case .done(.success):
            ended = nil  // cancelled: the store already says so
        case .done(.failure(let error)):
            ended = try? await work.write { [store] in try store.failRun(id, error: error.description) }
        case .timedOut:
            ended = nil  // recorded when the limit struck
        }
        if let ended {
            logger.info("run \(id) \(ended.status.rawValue) in \(String(format: "%.2f", seconds)) s")
            metrics.recordRunEnded(kind: kind, status: ended.status.rawValue, seconds: seconds)
        }
        // Whatever happened, subscribers get the run's final state and their streams end.
        if let run = ended ?? (try? store.run(id)), run.status.isFinal { publishFinal(run) }
    }

    /// Fails a run that reached the time limit.
    private func stopAtTimeLimit(_ id: String, kind: String, limit: Double, started: ContinuousClock.Instant) async {
        let message = "stopped at the run time limit of \(limit.formatted()) s"
        guard let failed = try? await work.write({ [store] in try store.failRun(id, error: message) }) else { return }
        logger.info("run \(id) stopped at the time limit")
        metrics.recordRunEnded(
            kind: kind, status: failed.status.rawValue, seconds: (ContinuousClock.now - started) / .seconds(1))
        publishFinal(failed)
    }

    /// Records and publishes a run's progress: at most one store write per 1% of paths, and per stage (the
    /// optimizer's iterations, which carry no paths) at most one per half second.
    private func follow(_ id: String, _ progress: AsyncStream<AnalysisProgress>) async {
        var last = 0.0
        var lastStage = ContinuousClock.now - .seconds(1)
        for await update in progress {
            if update.totalPaths > 0 {
                let fraction = update.fraction
                guard fraction >= last + 0.01 || (fraction == 1 && last < 1) else { continue }
                last = fraction
            } else {
                guard let stage = update.stage, ContinuousClock.now - lastStage >= .milliseconds(500) else { continue }
                lastStage = ContinuousClock.now
                setStage(stage, of: id)
            }
            let fraction = last
            guard let run = try? await work.write({ [store] in try store.recordProgress(id, fraction) }) else {
                return
            }
            publish(run)
        }
    }
}
