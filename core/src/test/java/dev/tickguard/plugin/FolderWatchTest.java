package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the folder is looked at, and that the watch thread ends with the watch. */
class FolderWatchTest {
    @TempDir
    Path dir;

    final ManagerThread manager = new ManagerThread();
    final AtomicInteger looks = new AtomicInteger();

    @AfterEach
    void tearDown() {
        manager.close(() -> { }, Duration.ofSeconds(5));
    }

    static Set<Thread> watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("tickguard-plugins-watch") && t.isAlive()).collect(Collectors.toSet());
    }

    @Test
    void aChangeIsLookedAtOnItsNotificationAndAgainWhileItSettles() throws Exception {
        try (FolderWatch w = FolderWatch.start(dir, true, Duration.ofMillis(50), manager, looks::incrementAndGet)) {
            assertThat(looks).hasValue(0); // the safety net is 30 s away: nothing looks by itself
            Files.writeString(dir.resolve("greeter.jar"), "x");
            // One look on the notification, then more every poll: a copy in progress is seen to finish.
            await().atMost(Duration.ofSeconds(20)).until(() -> looks.get() >= 2);
        }
    }

    @Test
    void withoutNotificationTheFolderIsPolled() {
        try (FolderWatch w = FolderWatch.start(dir, false, Duration.ofMillis(20), manager, looks::incrementAndGet)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> looks.get() >= 3);
        }
    }

    @Test
    void aFolderThatDoesNotExistYetIsPolled() {
        try (FolderWatch w = FolderWatch.start(dir.resolve("missing"), true, Duration.ofMillis(20), manager,
                looks::incrementAndGet)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> looks.get() >= 3);
        }
    }

    /** Regression (hostile pass 2, D2): a look that threw left the watch "settling" for good; no change was looked at again. */
    @Test
    void aLookThatFailsDoesNotEndTheSettlingRound() throws Exception {
        Runnable failsFirst = () -> {
            if (looks.incrementAndGet() == 1) {
                throw new IllegalStateException("a failed pass");
            }
        };
        try (FolderWatch w = FolderWatch.start(dir, true, Duration.ofMillis(50), manager, failsFirst)) {
            Files.writeString(dir.resolve("evil.jar"), "x");
            await().atMost(Duration.ofSeconds(20)).until(() -> looks.get() >= 1);
            Files.writeString(dir.resolve("other.jar"), "y");
            await().atMost(Duration.ofSeconds(20)).until(() -> looks.get() >= 3);
        }
    }

    /** Regression (hostile pass 2, D2): a polled look that threw ended the polling (the executor cancels such a task). */
    @Test
    void aPollThatFailsDoesNotEndThePolling() {
        Runnable alwaysFails = () -> {
            looks.incrementAndGet();
            throw new IllegalStateException("a failed pass");
        };
        try (FolderWatch w = FolderWatch.start(dir, false, Duration.ofMillis(20), manager, alwaysFails)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> looks.get() >= 3);
        }
    }

    @Test
    void closingEndsTheWatchThread() {
        Set<Thread> before = watchThreads();
        FolderWatch w = FolderWatch.start(dir, true, Duration.ofMillis(50), manager, looks::incrementAndGet);
        Set<Thread> started = new HashSet<>(watchThreads());
        started.removeAll(before);
        assertThat(started).hasSize(1);
        w.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> started.stream().noneMatch(Thread::isAlive));
    }
}
