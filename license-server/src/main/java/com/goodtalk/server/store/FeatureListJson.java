package com.goodtalk.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Stores a license's feature names as a JSON array of strings in one text column. */
final class FeatureListJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private FeatureListJson() {}

    static String encode(List<String> features) {
        try {
            return MAPPER.writeValueAsString(features);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson could not write a list of strings", e);
        }
    }

    static List<String> decode(String json) {
        try {
            return List.copyOf(MAPPER.readValue(json, STRING_LIST));
        } catch (JsonProcessingException e) {
            throw new StoreException("The features column contains " + json.length()
                    + " characters that are not a JSON array of strings; the row was changed outside the store.", e);
        }
    }
}
