package dev.wsf.samples.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import java.time.Clock;

/** The application's wiring: which greeter, which clock. */
public final class GreetingModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Greeter.class).to(TimeOfDayGreeter.class);
    }

    @Provides
    Clock clock() {
        return Clock.systemUTC();
    }
}
