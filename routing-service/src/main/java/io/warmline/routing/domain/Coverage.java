package io.warmline.routing.domain;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The territories (London, Manchester, the South West... or national) and products a rep covers. Names are
 * compared case-insensitively; no products means all products. A lead that names no region or product is
 * covered by anyone.
 */
public record Coverage(Set<String> territories, Set<String> products) {

    public static final String NATIONAL = "national";
    public static final Coverage EVERYTHING = new Coverage(Set.of(NATIONAL), Set.of());

    public Coverage {
        territories = normalise(territories);
        products = normalise(products);
    }

    public boolean coversTerritory(String region) {
        return region == null || region.isBlank() || territories.contains(NATIONAL)
                || territories.contains(key(region));
    }

    public boolean coversProduct(String product) {
        return product == null || product.isBlank() || products.isEmpty() || products.contains(key(product));
    }

    private static Set<String> normalise(Set<String> names) {
        return names.stream().map(Coverage::key).filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
