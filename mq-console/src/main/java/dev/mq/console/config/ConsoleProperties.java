package dev.mq.console.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console's settings, under {@code mq.console.}. Checked when bound: a bad value stops the
 * start with the property's name.
 */
@ConfigurationProperties("mq.console")
public class ConsoleProperties implements Validator {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern ENCODED_PASSWORD = Pattern.compile("\\{[A-Za-z0-9_-]+}.+");

    /**
     * Users by name, each with a password in Spring Security's encoded form ({bcrypt}..., {noop}...
     * for tests) and a role (VIEWER reads, ADMIN also acts). With none, an 'admin' user gets a random
     * password, printed once at start-up.
     */
    private final Map<String, User> users = new LinkedHashMap<>();

    /** How long admin requests to name servers and brokers may take before a page shows what it has. */
    private Duration requestTimeout = Duration.ofSeconds(3);

    /** Actions kept in the audit log shown on /audit (the oldest are dropped first). */
    private int auditCapacity = 10_000;

    public Map<String, User> getUsers() {
        return users;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getAuditCapacity() {
        return auditCapacity;
    }

    public void setAuditCapacity(int auditCapacity) {
        this.auditCapacity = auditCapacity;
    }

    @Override
    public boolean supports(Class<?> type) {
        return ConsoleProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        ConsoleProperties p = (ConsoleProperties) target;
        p.users.forEach((name, user) -> {
            String field = "users[" + name + "]";
            if (!USER_NAME.matcher(name).matches()) {
                errors.rejectValue(field, "mq.invalid", "a user name has 1-64 letters, digits or . _ @ -, got " + name);
            }
            if (user.getPassword() == null || !ENCODED_PASSWORD.matcher(user.getPassword()).matches()) {
                errors.rejectValue(field + ".password", "mq.invalid",
                        "must be in Spring Security's encoded form, {bcrypt}... or {noop}... for tests");
            }
            if (user.getRole() == null) {
                errors.rejectValue(field + ".role", "mq.invalid", "must be VIEWER or ADMIN");
            }
        });
        if (p.requestTimeout == null || p.requestTimeout.isNegative() || p.requestTimeout.isZero()) {
            errors.rejectValue("requestTimeout", "mq.invalid", "must be a positive duration");
        }
        if (p.auditCapacity < 1) {
            errors.rejectValue("auditCapacity", "mq.invalid", "must be at least 1");
        }
    }

    /** One console user. */
    public static class User {

        /** The password in Spring Security's encoded form: {bcrypt}$2a$..., {noop}plain (tests only). */
        private String password;

        /** VIEWER reads; ADMIN also acts (create and delete topics, reset offsets, re-send dead letters). */
        private Role role = Role.VIEWER;

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Role getRole() {
            return role;
        }

        public void setRole(Role role) {
            this.role = role;
        }
    }

    /** What a user may do. */
    public enum Role {
        /** Reads every page. */
        VIEWER,
        /** Reads and acts. */
        ADMIN
    }
}
