package dev.mq.console.security;

import dev.mq.console.config.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The console's users from {@code mq.console.users}; with none configured, one {@code admin} with a
 * random password that is logged once, so the console is never open by default.
 */
final class ConsoleUsers {

    private static final Logger log = LoggerFactory.getLogger(ConsoleUsers.class);

    static final String GENERATED_USER = "admin";

    private ConsoleUsers() {
    }

    static InMemoryUserDetailsManager from(ConsoleProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        properties.getUsers().forEach((name, user) -> users.add(User.withUsername(name)
                .password(user.getPassword()).roles(user.getRole().name()).build()));
        if (users.isEmpty()) {
            String password = randomPassword();
            users.add(User.withUsername(GENERATED_USER).password(encoder.encode(password))
                    .roles(ConsoleProperties.Role.ADMIN.name()).build());
            log.warn("generated password for user '{}': {}", GENERATED_USER, password);
            log.warn("set mq.console.users.<name>.password and .role to choose the console's users yourself");
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
