package dev.touchmark.label;

/** Produces the code at an index; must be safe to call from several threads at once. */
@FunctionalInterface
public interface LabelSource {
    LabelCode code(long index);
}
