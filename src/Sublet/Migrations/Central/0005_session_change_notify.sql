-- Servers cache sessions in memory; tell them when one ends, its ticket changes or its lifetime is cut short,
-- by the hash of its id. Idle-expiry touches only extend a lifetime and do not notify.
CREATE FUNCTION sublet.notify_session_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sublet_session', encode(OLD.id_hash, 'hex'));
    RETURN NULL;
END;
$$;

CREATE TRIGGER session_ended
    AFTER DELETE ON sublet.session
    FOR EACH ROW EXECUTE FUNCTION sublet.notify_session_changed();

CREATE TRIGGER session_changed
    AFTER UPDATE OF ticket, idle_expires_at, expires_at ON sublet.session
    FOR EACH ROW
    WHEN (NEW.ticket IS DISTINCT FROM OLD.ticket OR NEW.idle_expires_at < OLD.idle_expires_at OR NEW.expires_at < OLD.expires_at)
    EXECUTE FUNCTION sublet.notify_session_changed();

CREATE FUNCTION sublet.notify_sessions_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sublet_session', '*');
    RETURN NULL;
END;
$$;

CREATE TRIGGER sessions_truncated
    AFTER TRUNCATE ON sublet.session
    FOR EACH STATEMENT EXECUTE FUNCTION sublet.notify_sessions_truncated();
