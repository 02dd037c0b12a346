package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Save trace writes the trace's JSON to the file the chooser names, and nothing when the user cancels. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowTraceExportTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    @TempDir
    static Path directory;

    private final List<String> suggestedNames = new ArrayList<>();
    private Optional<Path> answer = Optional.empty();
    private ActivationViewModel model;
    private WindowDriver window;
    private FxRobot robot;

    @Start
    void start(Stage stage) {
        model = new ActivationViewModel(ClientFactories.v1(server.secret(), Duration.ofSeconds(10)),
                "status", server.baseUri().toString(), ActivationViewModel.daemonThreads());
        ActivationWindow.show(stage, model, (owner, suggestedName) -> {
            suggestedNames.add(suggestedName);
            return answer;
        });
    }

    @BeforeEach
    void driver(FxRobot robot) {
        this.robot = robot;
        window = new WindowDriver(robot, model);
    }

    private static List<Path> filesIn(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void savedFileHoldsTheTraceAsJson() throws Exception {
        Path file = directory.resolve("trace.json");
        answer = Optional.of(file);
        window.pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();

        robot.clickOn("#saveTraceButton");

        assertThat(suggestedNames).containsExactly("goodtalk-trace-v1.json");
        JsonNode saved = new ObjectMapper().readTree(Files.readString(file));
        assertThat(saved.get("protocol").asText()).isEqualTo("v1");
        assertThat(saved.get("verdict").get("kind").asText()).isEqualTo("activated");
        assertThat(saved.get("steps")).hasSize(6);
        assertThat(saved.get("steps").get(3).get("id").asText()).isEqualTo(StepId.VERIFY_SIGNATURE);
        assertThat(Files.readString(file)).isEqualTo(model.traceProperty().get().toJson() + "\n");
    }

    @Test
    void cancelledChooserWritesNothing() throws Exception {
        window.pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();
        List<Path> before = filesIn(directory);

        robot.clickOn("#saveTraceButton");

        assertThat(suggestedNames).hasSize(1);
        assertThat(filesIn(directory)).isEqualTo(before);
        assertThat(robot.lookup("#saveProblem").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void unwritableFileShowsProblem() throws Exception {
        Path file = directory.resolve("missing-folder").resolve("trace.json");
        answer = Optional.of(file);
        window.pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();

        robot.clickOn("#saveTraceButton");

        Label problem = robot.lookup("#saveProblem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).startsWith("Could not save the trace to " + file)
                .endsWith("Choose a folder you can write to.");
        assertThat(file).doesNotExist();
    }
}
