package dev.tickguard.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The request and response shapes of Ollama's HTTP API, as records. Unknown fields are ignored;
 * timing fields (nanoseconds) are optional and {@code null} when absent.
 */
public final class OllamaApi {
    private OllamaApi() {
    }

    /** One chat message; {@code role} is {@code system}, {@code user}, {@code assistant} or {@code tool}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String role, String content) {
        public static Message system(String text) {
            return new Message("system", text);
        }

        public static Message user(String text) {
            return new Message("user", text);
        }
    }

    /**
     * {@code POST /api/chat}.
     *
     * @param format {@code "json"} (as a text node) or a JSON schema, or {@code null} for free text
     * @param options model options such as {@code temperature}, {@code seed}, {@code num_predict}
     * @param keepAlive how long the model stays loaded, e.g. {@code "5m"}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChatRequest(String model, List<Message> messages, boolean stream, JsonNode format,
                              Map<String, Object> options, @JsonProperty("keep_alive") String keepAlive) {
    }

    /** One line of a chat stream, or the whole answer when not streaming. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatResponse(String model, @JsonProperty("created_at") String createdAt, Message message,
                               boolean done, @JsonProperty("done_reason") String doneReason,
                               @JsonProperty("total_duration") Long totalDuration,
                               @JsonProperty("load_duration") Long loadDuration,
                               @JsonProperty("prompt_eval_count") Integer promptEvalCount,
                               @JsonProperty("prompt_eval_duration") Long promptEvalDuration,
                               @JsonProperty("eval_count") Integer evalCount,
                               @JsonProperty("eval_duration") Long evalDuration,
                               String error) {
        /** The message text, or "" if there is none. */
        public String text() {
            return message == null || message.content() == null ? "" : message.content();
        }
    }

    /** {@code POST /api/embed}; {@code input} is a string or a list of strings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmbedRequest(String model, Object input, @JsonProperty("keep_alive") String keepAlive) {
    }

    /** The embeddings, one per input. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EmbedResponse(String model, List<float[]> embeddings,
                                @JsonProperty("total_duration") Long totalDuration,
                                @JsonProperty("load_duration") Long loadDuration,
                                @JsonProperty("prompt_eval_count") Integer promptEvalCount) {
    }

    /** {@code GET /api/version}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Version(String version) {
    }

    /** A locally available model, from {@code GET /api/tags}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelInfo(String name, String model, @JsonProperty("modified_at") String modifiedAt, Long size,
                            String digest) {
    }

    /** {@code GET /api/tags}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tags(List<ModelInfo> models) {
    }

    /** A loaded model, from {@code GET /api/ps}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunningModel(String name, String model, Long size, @JsonProperty("size_vram") Long sizeVram,
                               @JsonProperty("expires_at") String expiresAt) {
    }

    /** {@code GET /api/ps}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Running(List<RunningModel> models) {
    }
}
