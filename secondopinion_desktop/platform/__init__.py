"""What differs per operating system: single instance, termination signals."""
