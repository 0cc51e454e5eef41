"""The public record over time: the changes page and its Atom feeds."""
