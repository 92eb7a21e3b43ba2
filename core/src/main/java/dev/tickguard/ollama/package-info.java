/**
 * The LLM side: {@link dev.tickguard.ollama.OllamaClient} speaks Ollama's HTTP API (OkHttp +
 * Jackson); {@link dev.tickguard.ollama.ResilientLlm} wraps it in breakers, retry, a rate limit and
 * statistics as the steps' {@link dev.tickguard.spi.Llm}; {@link dev.tickguard.ollama.FaultInjector}
 * injects chaos. (The stand-in server of {@code --simulator} is the app's, not the engine's.)
 * Inside the engine: exported only to the launcher ({@code dev.tickguard.app}), and to Jackson,
 * which binds the Ollama API records.
 */
package dev.tickguard.ollama;
