package dev.voicegate.biometrics.engine;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.BioSearch;
import dev.voicegate.biometrics.api.BlocklistCheck;
import dev.voicegate.biometrics.api.BlocklistResult;
import dev.voicegate.biometrics.api.Candidate;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.api.LiveVoiceResult;
import dev.voicegate.biometrics.api.Liveness;
import dev.voicegate.biometrics.api.Search;
import dev.voicegate.biometrics.api.TemplateVersionException;
import dev.voicegate.biometrics.api.Verification;
import dev.voicegate.biometrics.api.Voiceprint;
import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.store.Blocklist;
import dev.voicegate.biometrics.store.FraudsterEntry;
import dev.voicegate.biometrics.store.ReplayFingerprint;
import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.StoredVoiceprint;
import dev.voicegate.biometrics.store.UnknownRecordException;
import dev.voicegate.biometrics.store.VoiceprintStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link VoiceprintEngine}: analyses run their front ends on the caller's thread; the
 * extractor's model evaluation when it is {@linkplain VoiceprintExtractor#heavyAccumulation heavy} (the
 * x-vector network), store I/O and 1:N search run on a bounded {@link ThreadPoolExecutor} ({@code workers} threads, {@code queueCapacity}
 * waiting tasks, overflow rejected → {@code ERROR "overloaded"}, counted in
 * {@code voicegate.biometrics.rejected}). The identify and blocklist indexes are built from the store
 * by {@link #open} and kept in step by this engine's writes and, when the store is shared with other gateway
 * instances (PostgreSQL), by theirs: the engine follows the store's change notices
 * ({@link VoiceprintStore#followChanges}) and re-reads each voiceprint or blocklist they name
 * ({@link #refreshVoiceprint}, {@link #refreshBlocklist}), or everything after notices may have been missed
 * ({@link #reloadIndexes}). Every index update of a shared store re-reads the store under one lock, so whatever
 * order the writes and notices arrive in, the last update applied reflects the store's latest state.
 */
public final class DefaultVoiceprintEngine implements VoiceprintEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultVoiceprintEngine.class);
    private static final double REPLAY_MAX_BER = 0.30;
    private static final int MAX_CANDIDATES = 10;
    private static final char KEY_SEP = '\u0000';

    private final VoiceprintStore store;
    private final VoiceprintExtractor extractor;
    private final EngineConfig config;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final ForkJoinPool searchPool;
    private final IdentifyIndex index;
    private final IdentifyIndex blocklistIndex;
    /** Blocklist index keys of entries taken from an enrolled caller, by that caller's biokey (for {@link #forget}). */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.Set<String>> blocklistKeysBySource =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Counter rejected;
    private final Timer identifyTimer;
    private final Enrollments enrollments;
    /** Whether the store has other writers (then index updates re-read the store under {@link #sync}). */
    private final boolean following;
    /** Serialises index updates from the store (reloads, refreshes, this engine's writes when following). */
    private final java.util.concurrent.locks.ReentrantLock sync = new java.util.concurrent.locks.ReentrantLock();
    /** Clear biokey of each indexed voiceprint by its pseudonym (when following: notices name pseudonyms only). */
    private final java.util.concurrent.ConcurrentHashMap<String, String> biokeyByPseudonym =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile AutoCloseable changes = () -> { };

    private DefaultVoiceprintEngine(VoiceprintStore store, VoiceprintExtractor extractor, EngineConfig config,
                                    Clock clock, MeterRegistry registry, int indexCapacity) {
        this.store = store;
        this.extractor = extractor;
        this.config = config;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queueCapacity()), r -> {
                    Thread t = new Thread(r, "voicegate-biometrics-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.searchPool = new ForkJoinPool(config.workers());
        this.index = new IdentifyIndex(extractor.dimension(), indexCapacity);
        this.blocklistIndex = new IdentifyIndex(extractor.dimension(), indexCapacity);
        this.rejected = Counter.builder("voicegate.biometrics.rejected").description("tasks refused by the full executor")
                .register(registry);
        this.identifyTimer = Timer.builder("voicegate.biometrics.identify").publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("voicegate.biometrics.executor.queue", executor, e -> e.getQueue().size());
        registry.gauge("voicegate.biometrics.index.voiceprints", index, IdentifyIndex::size);
        this.enrollments = new Enrollments(this);
        this.following = store.sharedWithOtherProcesses();
    }

    /**
     * Creates the engine and loads its indexes from the store (blocking: call at start-up, off any
     * event loop). Voiceprints of another engine version are skipped and counted in the log.
     *
     * @param indexCapacity maximum voiceprints (and, separately, fraudster entries) held in memory
     */
    public static DefaultVoiceprintEngine open(VoiceprintStore store, VoiceprintExtractor extractor, EngineConfig config,
                                               Clock clock, MeterRegistry registry, int indexCapacity) {
        DefaultVoiceprintEngine e = new DefaultVoiceprintEngine(store, extractor, config, clock, registry, indexCapacity);
        try {
            if (e.following) {
                // listen first: a write committed while the indexes load is announced and re-read after the load
                e.changes = store.followChanges(new IndexFollower(e));
            }
            e.reloadIndexes();
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
        return e;
    }

    /** The default extractor: the telephone x-vector over the committed model (loaded once per JVM). */
    public static VoiceprintExtractor defaultExtractor() {
        return dev.voicegate.biometrics.xvector.XvectorExtractor.loadDefault();
    }

    /** The named alternative: the GMM-supervector extractor over its committed model. */
    public static VoiceprintExtractor gmmExtractor() {
        return dev.voicegate.biometrics.internal.model.GmmSupervectorExtractor.loadDefault();
    }

    /**
     * Rebuilds both indexes from the store (blocking; at {@link #open}, and when change notices may have been
     * missed). Entries are replaced in place and those no longer stored removed afterwards, so identify keeps
     * answering from the old content while this runs.
     */
    public void reloadIndexes() {
        sync.lock();
        try {
            java.util.Map<String, Integer> stale = new java.util.TreeMap<>();
            java.util.Set<String> voiceprints = new java.util.HashSet<>();
            java.util.Map<String, String> pseudonyms = new java.util.HashMap<>();
            var scan = store.forEachVoiceprint(v -> {
                try {
                    index.put(v.biokey(), Voiceprint.fromBytes(v.template(), extractor).direction());
                    voiceprints.add(v.biokey());
                    if (following) {
                        pseudonyms.put(store.pseudonym(v.biokey()), v.biokey());
                    }
                } catch (TemplateVersionException ex) {
                    stale.merge(Voiceprint.engineOf(v.template()), 1, Integer::sum);
                }
            });
            index.keys().stream().filter(k -> !voiceprints.contains(k)).forEach(index::remove);
            biokeyByPseudonym.keySet().retainAll(pseudonyms.keySet());
            biokeyByPseudonym.putAll(pseudonyms);
            java.util.Set<String> entries = new java.util.HashSet<>();
            java.util.Map<String, java.util.Set<String>> sources = new java.util.HashMap<>();
            for (Blocklist list : store.blocklists()) {
                List<FraudsterEntry> fraudsters;
                try {
                    fraudsters = store.fraudsters(list.id());
                } catch (UnknownRecordException gone) {
                    continue; // deleted since it was listed
                }
                for (FraudsterEntry f : fraudsters) {
                    String key = blocklistKey(list.id(), f.fraudsterId());
                    try {
                        blocklistIndex.put(key, Voiceprint.fromBytes(f.template(), extractor).direction());
                        entries.add(key);
                        if (f.sourceBiokey() != null) {
                            sources.computeIfAbsent(f.sourceBiokey(), k -> new java.util.HashSet<>()).add(key);
                        }
                    } catch (TemplateVersionException ex) {
                        stale.merge(Voiceprint.engineOf(f.template()), 1, Integer::sum);
                    }
                }
            }
            blocklistIndex.keys().stream().filter(k -> !entries.contains(k)).forEach(blocklistIndex::remove);
            blocklistKeysBySource.keySet().retainAll(sources.keySet());
            sources.forEach((biokey, keys) -> {
                java.util.Set<String> set = java.util.concurrent.ConcurrentHashMap.newKeySet();
                set.addAll(keys);
                blocklistKeysBySource.put(biokey, set);
            });
            refusedTemplates = java.util.Collections.unmodifiableMap(stale);
            LOG.info("[biometrics] indexes loaded: voiceprints={} fraudsters={} staleVersion={} unreadable={}",
                    index.size(), blocklistIndex.size(), stale.values().stream().mapToInt(Integer::intValue).sum(),
                    scan.unreadable());
        } finally {
            sync.unlock();
        }
    }

    /**
     * Re-reads the voiceprint of the biokey with keyed pseudonym {@code pseudonym} ({@link VoiceprintStore#pseudonym})
     * and makes the identify index match it: indexed (or replaced) when stored with this engine's version, dropped
     * when deleted, opted out, erased or of another version. Idempotent; blocking (store I/O).
     */
    public void refreshVoiceprint(String pseudonym) {
        sync.lock();
        try {
            var stored = store.voiceprintOf(pseudonym);
            if (stored.isPresent()) {
                String biokey = stored.get().biokey();
                try {
                    index.put(biokey, Voiceprint.fromBytes(stored.get().template(), extractor).direction());
                    biokeyByPseudonym.put(pseudonym, biokey);
                    return;
                } catch (TemplateVersionException ex) {
                    LOG.info("[biometrics] a voiceprint of {} cannot be indexed by this engine; dropped from the index",
                            Voiceprint.engineOf(stored.get().template()));
                    index.remove(biokey);
                } catch (IllegalStateException full) {
                    LOG.warn("[biometrics] voiceprint not indexed: {}", full.getMessage());
                    return;
                }
            }
            String biokey = biokeyByPseudonym.remove(pseudonym);
            if (biokey != null) {
                index.remove(biokey);
            }
        } finally {
            sync.unlock();
        }
    }

    /**
     * Re-reads blocklist {@code listId} and makes the blocklist index match it (entries added, replaced or
     * dropped; all of them when the list no longer exists). Idempotent; blocking (store I/O).
     */
    public void refreshBlocklist(String listId) {
        sync.lock();
        try {
            List<FraudsterEntry> fraudsters;
            try {
                fraudsters = store.fraudsters(listId);
            } catch (UnknownRecordException gone) {
                fraudsters = List.of();
            }
            java.util.Set<String> fresh = new java.util.HashSet<>();
            for (FraudsterEntry f : fraudsters) {
                String key = blocklistKey(listId, f.fraudsterId());
                try {
                    blocklistIndex.put(key, Voiceprint.fromBytes(f.template(), extractor).direction());
                    fresh.add(key);
                    blocklistEntryRemoved(key);
                    blocklistEntryFrom(f.sourceBiokey(), key);
                } catch (TemplateVersionException ex) {
                    LOG.info("[biometrics] a fraudster entry of {} cannot be indexed by this engine",
                            Voiceprint.engineOf(f.template()));
                } catch (IllegalStateException full) {
                    LOG.warn("[biometrics] fraudster entry not indexed: {}", full.getMessage());
                }
            }
            String prefix = listId + KEY_SEP;
            for (String key : blocklistIndex.keys()) {
                if (key.startsWith(prefix) && !fresh.contains(key)) {
                    blocklistIndex.remove(key);
                    blocklistEntryRemoved(key);
                }
            }
        } finally {
            sync.unlock();
        }
    }

    /** Whether the indexes follow other instances' writes (the store is shared, see {@link #open}). */
    public boolean followsOtherInstances() {
        return following;
    }

    private volatile java.util.Map<String, Integer> refusedTemplates = java.util.Map.of();

    /**
     * The stored templates (voiceprints and fraudster entries) {@link #open} could not index because another engine or
     * engine version made them, counted by {@code "<engineId> v<version>"}: empty when every template matches this
     * engine's extractor. Each of them answers "re-enroll" when used.
     */
    public java.util.Map<String, Integer> refusedTemplates() {
        return refusedTemplates;
    }

    /** The extractor this engine runs ({@code engineId}, version). */
    public VoiceprintExtractor voiceprintExtractor() {
        return extractor;
    }

    EngineConfig config() {
        return config;
    }

    VoiceprintExtractor extractor() {
        return extractor;
    }

    VoiceprintStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    IdentifyIndex index() {
        return index;
    }

    IdentifyIndex blocklistIndex() {
        return blocklistIndex;
    }

    static String blocklistKey(String listId, String fraudsterId) {
        return listId + KEY_SEP + fraudsterId;
    }

    /** Runs {@code task} on the executor; when it is full, completes with {@code onRejected}. */
    <T> CompletableFuture<T> submit(Supplier<T> task, Supplier<T> onRejected) {
        try {
            return CompletableFuture.supplyAsync(task, executor);
        } catch (RejectedExecutionException e) {
            rejected.increment();
            LOG.warn("[biometrics] executor full ({} queued): task rejected", executor.getQueue().size());
            return CompletableFuture.completedFuture(onRejected.get());
        }
    }

    /** Runs {@code task} on the executor; false (counted as rejected) when it is full. */
    boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            rejected.increment();
            LOG.warn("[biometrics] executor full ({} queued): task rejected", executor.getQueue().size());
            return false;
        }
    }

    @Override
    public Analysis newAnalysis(AnalysisRequest request) {
        CompletableFuture<Claimed> claimed = request.claimedBiokey() == null
                ? CompletableFuture.completedFuture(null)
                : submit(() -> loadClaimed(request.claimedBiokey()), () -> Claimed.failed("overloaded"));
        return new CallAnalysis(this, request, claimed);
    }

    /**
     * Feeds a whole recording (customer channel only) to an analysis of this engine, waiting for the extractor's
     * backlog instead of overrunning it: for tools that read files faster than real time. Blocks; never call it
     * on an event loop.
     */
    public static void feedRecording(Analysis analysis, short[] customer) throws InterruptedException {
        ((CallAnalysis) analysis).feedRecording(customer);
    }

    private Claimed loadClaimed(String biokey) {
        try {
            List<int[]> prints = new ArrayList<>();
            for (ReplayFingerprint f : store.replayFingerprints(biokey)) {
                prints.add(AudioFingerprint.decode(f.fingerprint()));
            }
            var stored = store.get(biokey);
            if (stored.isEmpty()) {
                return new Claimed(null, "not enrolled", prints);
            }
            return new Claimed(Voiceprint.fromBytes(stored.get().template(), extractor), "", prints);
        } catch (TemplateVersionException e) {
            return Claimed.failed(e.getMessage());
        } catch (StoreException e) {
            LOG.warn("[biometrics] loading claimed voiceprint failed: {}", e.toString());
            return Claimed.failed("store error");
        }
    }

    /** 1:N search (on the executor). */
    Search identify(float[] embedding, double netSpeech) {
        if (embedding == null || netSpeech < config.minVerifySpeech().toMillis() / 1000.0) {
            return new Search(BioSearch.NO_USER_FOUND, 0, null, List.of(), "not enough speech");
        }
        Timer.Sample t = Timer.start();
        List<IdentifyIndex.Hit> hits = index.search(embedding, config.maxManyCandidates() + 1, searchPool);
        t.stop(identifyTimer);
        List<Candidate> above = new ArrayList<>();
        for (IdentifyIndex.Hit h : hits) {
            double s = extractor.calibrate(h.raw());
            if (s >= config.searchThreshold() && above.size() < MAX_CANDIDATES) {
                above.add(new Candidate(h.key(), s));
            }
        }
        int count = above.size();
        BioSearch outcome = count == 0 ? BioSearch.NO_USER_FOUND : count == 1 ? BioSearch.FOUND_ONE
                : count <= config.maxManyCandidates() ? BioSearch.FOUND_MANY : BioSearch.FOUND_TOO_MANY;
        return new Search(outcome, count, count == 0 ? null : above.get(0).biokey(), above, "");
    }

    static Search searchError(String reason) {
        return new Search(BioSearch.NO_USER_FOUND, 0, null, List.of(), reason);
    }

    /** Best fraudster over every blocklist (cheap: in-memory). */
    BlocklistCheck checkBlocklists(float[] embedding) {
        List<IdentifyIndex.Hit> hits = blocklistIndex.search(embedding, 1, searchPool);
        if (hits.isEmpty()) {
            return BlocklistCheck.NONE;
        }
        IdentifyIndex.Hit best = hits.get(0);
        int sep = best.key().indexOf(KEY_SEP);
        double s = extractor.calibrate(best.raw());
        return new BlocklistCheck(s >= config.blocklistThreshold() ? BlocklistResult.MATCH : BlocklistResult.NO_MATCH,
                s, best.key().substring(0, sep), best.key().substring(sep + 1));
    }

    /**
     * Replay check against the claimed biokey's recent verification fingerprints, then (for a
     * genuine-looking verification) stores this audio's fingerprint. Runs on the executor.
     */
    Liveness liveness(String biokey, int[] codes, byte[] print, Claimed claimed, Verification v) {
        if (codes == null || codes.length < 200) {
            return new Liveness(LiveVoiceResult.LOW_DATA, Double.NaN);
        }
        double best = 1.0;
        for (int[] ref : claimed.fingerprints()) {
            best = Math.min(best, AudioFingerprint.bitErrorRate(codes, ref));
        }
        if (best <= REPLAY_MAX_BER) {
            LOG.info("[biometrics] replay detected (ber={})", String.format("%.3f", best));
            return new Liveness(LiveVoiceResult.SPOOFED, Math.min(1.0, 2 * best));
        }
        if (claimed.voiceprint() != null && v != null && !Double.isNaN(v.score())) {
            try {
                store.addReplayFingerprint(biokey, new ReplayFingerprint(print, clock.instant()));
            } catch (StoreException e) {
                LOG.debug("[biometrics] replay fingerprint not stored: {}", e.getClass().getSimpleName());
            }
        }
        return new Liveness(LiveVoiceResult.LOW_CONF, Double.NaN);
    }

    @Override
    public CompletableFuture<EnrollmentResult> enroll(Analysis analysis, Set<String> biokeys, String by) {
        return enrollments.enroll((CallAnalysis) analysis, biokeys, by, null);
    }

    @Override
    public CompletableFuture<EnrollmentResult> enroll(Analysis analysis, Set<String> biokeys, String by,
                                                      dev.voicegate.biometrics.store.ConsentRecord consent) {
        return enrollments.enroll((CallAnalysis) analysis, biokeys, by, java.util.Objects.requireNonNull(consent, "consent"));
    }

    @Override
    public CompletableFuture<Blocklist> createBlocklist(String listId, String name, String by) {
        return enrollments.createBlocklist(listId, name, by);
    }

    @Override
    public CompletableFuture<Void> addToBlocklist(String listId, String fraudsterId, Analysis analysis,
                                                  String sourceBiokey, String by) {
        return enrollments.addToBlocklist(listId, fraudsterId, (CallAnalysis) analysis, sourceBiokey, by);
    }

    @Override
    public CompletableFuture<Boolean> removeFromBlocklist(String listId, String fraudsterId, String by) {
        return enrollments.removeFromBlocklist(listId, fraudsterId, by);
    }

    @Override
    public CompletableFuture<List<Blocklist>> blocklists() {
        return enrollments.blocklists();
    }

    @Override
    public int indexedVoiceprints() {
        return index.size();
    }

    /** Fraudster entries (over every blocklist) in the in-memory blocklist index. */
    public int indexedFraudsters() {
        return blocklistIndex.size();
    }

    /** Removes a biokey from the identify index (after an erasure or opt-out done through the store). */
    @Override
    public void forget(String biokey) {
        index.remove(biokey);
        if (following) {
            String pseudonym = store.pseudonym(biokey);
            biokeyByPseudonym.remove(pseudonym);
            try {
                refreshVoiceprint(pseudonym); // converge with any concurrent update
            } catch (StoreException e) {
                LOG.debug("[biometrics] re-reading a forgotten voiceprint failed: {}", e.getClass().getSimpleName());
            }
        }
        java.util.Set<String> entries = blocklistKeysBySource.remove(biokey);
        if (entries != null) {
            entries.forEach(blocklistIndex::remove);
        }
    }

    /** Remembers that a blocklist entry was taken from {@code sourceBiokey} (null: from an unenrolled caller). */
    void blocklistEntryFrom(String sourceBiokey, String blocklistKey) {
        if (sourceBiokey != null) {
            blocklistKeysBySource.computeIfAbsent(sourceBiokey, k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                    .add(blocklistKey);
        }
    }

    /** Forgets the source of a removed blocklist entry. */
    void blocklistEntryRemoved(String blocklistKey) {
        blocklistKeysBySource.values().forEach(keys -> keys.remove(blocklistKey));
    }

    /**
     * Adds or refreshes a voiceprint this engine just stored. When following a shared store, re-reads it under the
     * index lock instead (so a later write by another instance, already applied, is not overwritten with this one);
     * if that read fails, indexes {@code parsed} and lets the store's notice correct it.
     */
    void indexVoiceprint(StoredVoiceprint v, Voiceprint parsed) {
        if (following) {
            try {
                refreshVoiceprint(store.pseudonym(v.biokey()));
                return;
            } catch (StoreException e) {
                LOG.debug("[biometrics] re-reading a stored voiceprint failed: {}", e.getClass().getSimpleName());
            }
        }
        index.put(v.biokey(), parsed.direction());
    }

    /** Adds a fraudster entry this engine just stored (re-read under the index lock when following, as above). */
    void indexBlocklistEntry(String listId, String fraudsterId, Voiceprint parsed, String sourceBiokey) {
        if (following) {
            try {
                refreshBlocklist(listId);
                return;
            } catch (StoreException e) {
                LOG.debug("[biometrics] re-reading a blocklist failed: {}", e.getClass().getSimpleName());
            }
        }
        blocklistIndex.put(blocklistKey(listId, fraudsterId), parsed.direction());
        blocklistEntryFrom(sourceBiokey, blocklistKey(listId, fraudsterId));
    }

    /** Drops a fraudster entry this engine just removed (re-read under the index lock when following, as above). */
    void unindexBlocklistEntry(String listId, String fraudsterId) {
        blocklistIndex.remove(blocklistKey(listId, fraudsterId));
        blocklistEntryRemoved(blocklistKey(listId, fraudsterId));
        if (following) {
            try {
                refreshBlocklist(listId);
            } catch (StoreException e) {
                LOG.debug("[biometrics] re-reading a blocklist failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        try {
            changes.close();
        } catch (Exception e) {
            LOG.warn("[biometrics] stopping the index listener failed: {}", e.toString());
        }
        executor.shutdown();
        searchPool.shutdown();
    }
}
