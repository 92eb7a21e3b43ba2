package dev.tickguard.steps;
