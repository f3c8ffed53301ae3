"""Side effects that run after commit: the outbox, its handlers and the job queue."""
