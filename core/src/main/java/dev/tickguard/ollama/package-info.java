package dev.tickguard.ollama;
