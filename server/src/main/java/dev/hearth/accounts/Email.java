package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address, checked for shape only: one {@code @}, no spaces or controls, at most 254. */
public record Email(String value) {
    private static final Pattern SHAPE = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.][^@\\s\\p{Cntrl}]{0,252}");

    public Email {
        if (value == null || value.length() > 254 || !SHAPE.matcher(value).matches() || value.endsWith(".")) {
            throw HearthException.invalid("email", "is not an e-mail address");
        }
    }

    public String lower() {
        return value.toLowerCase(Locale.ROOT);
    }
}
