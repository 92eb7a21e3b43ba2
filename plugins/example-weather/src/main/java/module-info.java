/** An example third-party step plugin: the agent's sense of the weather in its own mind. */
module com.example.tickguard.weather {
    requires dev.tickguard.core;

    provides dev.tickguard.spi.Step with com.example.weather.WeatherStep;
}
