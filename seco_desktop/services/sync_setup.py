"""Connecting a store to the central store: set it up, enrol a workstation, sync now.

The central URL is kept in the store (``store_meta``, no password); the password for it lives
in the OS keyring only. With no central configured, nothing here runs and the app works alone.
"""

from __future__ import annotations

from pathlib import Path

from seco_desktop.central.connect import central_engine, parse_url, safe_text
from seco_desktop.central.errors import CentralError, CentralNotInitialised, OfficeMismatch
from seco_desktop.central.migrate import migrate
from seco_desktop.central.server import CentralStore
from seco_desktop.security import keyfile as kf
from seco_desktop.security import keys as keyops
from seco_desktop.security.errors import InsecureKeyring, KeysMismatch
from seco_desktop.security.grant_routing import Accounts
from seco_desktop.security.office import (
    OfficeKeys,
    create_workstation_keys,
    export_office,
    merged_data_keys,
    office_keys_for,
    office_material,
    route_grants,
    unlock_office,
)
from seco_desktop.security.os_keyring import SecretStore
from seco_desktop.services.account_sync import carry_renames, reconcile_sign_in_file
from seco_desktop.services.audit_anchor import anchor_head
from seco_desktop.services.clock import Clock, system_clock
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session, grant_fits, rulebook_from
from seco_desktop.services.sync import SyncEngine, SyncReport
from seco_desktop.services.sync_progress import ProgressFn
from seco_desktop.store import rulesets as ruleset_rows
from seco_desktop.store import users as user_rows
from seco_desktop.store.errors import RecordNotFound, StoreLocked
from seco_desktop.store.meta import get_meta, set_meta
from seco_desktop.store.store import Store

META_CENTRAL_URL = "central.url"
META_OFFICE = "office_id"


class NoCentralConfigured(CentralError):
    def __init__(self) -> None:
        super().__init__("No central store is configured for this store (seco-admin central init)")


def keyring_entry(url_text: str) -> str:
    return f"central|{safe_text(parse_url(url_text))}"


def remember_password(url_text: str, password: str) -> None:
    """Keep the central database password in the OS keyring (never in a file)."""
    SecretStore().set(keyring_entry(url_text), password)


def connect(url_text: str, password: str | None = None) -> CentralStore:
    """A central store for ``url_text``; the password comes from the keyring unless given."""
    if password is None:
        try:
            password = SecretStore().get(keyring_entry(url_text))
        except InsecureKeyring:
            password = None  # trust/peer authentication, or the caller passes it
    return CentralStore(central_engine(url_text, password))


def configured_url(store: Store) -> str | None:
    with store.read() as conn:
        return get_meta(conn, META_CENTRAL_URL)


def init_central(session: Session, url_text: str, *, password: str | None = None) -> str:
    """Create (or upgrade) the central schema and publish this office's shared keys and user
    grants; remembers the URL in the store. Returns the office id."""
    require(session, Permission.MANAGE_CENTRAL)
    central = connect(url_text, password)
    try:
        migrate(central.engine)
        office = export_office(session.key_path, session.keys)
        holder = central.set_meta_if_absent(META_OFFICE, office.office_id)
        if holder != office.office_id:
            raise OfficeMismatch(
                "The central database already serves another office; enrol this workstation "
                "with seco-admin central enroll instead"
            )
        central.put_office_keys(office.office_id, office.material.nonce, office.material.ciphertext)
        central.put_grants(office.grants)
    finally:
        central.dispose()
    with session.store.write() as conn:
        set_meta(conn, META_CENTRAL_URL, safe_text(parse_url(url_text)))
    return office.office_id


def _office_keys(central: CentralStore) -> OfficeKeys:
    found = central.get_office_keys()
    if found is None:
        raise CentralNotInitialised("The central database holds no office keys; run central init")
    office_id, nonce, ciphertext = found
    return OfficeKeys(office_id, kf.Sealed(nonce, ciphertext), central.get_grants())


def enroll(
    path: Path,
    url_text: str,
    username: str,
    password: str,
    *,
    clock: Clock = system_clock,
    progress: ProgressFn | None = None,
    central_password: str | None = None,
) -> SyncReport:
    """Make a new workstation's store from the central store with a user's password, and fill
    it (the first sync). Run again after an interruption: it resumes where it stopped."""
    central = connect(url_text, central_password)
    try:
        office = _office_keys(central)
        key_path = kf.key_file_path(path)
        if path.exists() or key_path.exists():
            keys = keyops.unlock(key_path, username, password)
            if keys.store_id != office.office_id:
                raise OfficeMismatch("A store of another office is already at this path")
            store = Store.open(path, keys.material.store_keys_to_try())
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            keys = create_workstation_keys(
                key_path, office, unlock_office(office, username, password)
            )
            try:
                store = Store.open(path, [keys.material.store_key], create=True)
            except BaseException:
                key_path.unlink(missing_ok=True)
                raise
            with store.write() as conn:
                set_meta(conn, "store_id", office.office_id)
                set_meta(conn, "created_at", clock().isoformat())
                set_meta(conn, META_CENTRAL_URL, safe_text(parse_url(url_text)))
        try:
            report = SyncEngine(store, keys.material, central, clock, progress).run()
            with store.read() as conn:  # the enrolling user arrived with the data
                if not grant_fits(conn, keys.user_id, user_rows.get_user(conn, username)):
                    raise RecordNotFound("The grant belongs to another account")
        except RecordNotFound:
            raise StoreLocked(
                "The central store has no account with this user name for this office"
            ) from None
        finally:
            store.close()
    finally:
        central.dispose()
    return report


def sync_now(
    session: Session,
    *,
    central: CentralStore | None = None,
    progress: ProgressFn | None = None,
) -> SyncReport:
    """One full sync of the signed-in session's store (push, pull, merge), then the audit
    chain's head anchored in the central store (``services.audit_anchor``)."""
    require(session, Permission.SYNC)
    own = central is None
    if central is None:
        url = configured_url(session.store)
        if url is None:
            raise NoCentralConfigured()
        central = connect(url)
    try:
        office = central.get_meta(META_OFFICE)
        if office is None:
            raise CentralNotInitialised("The central database has no office; run central init")
        if office != session.keys.store_id:
            raise OfficeMismatch("The central database serves another office than this store")
        _publish_new_grants(session, central)
        _share_data_keys(session, central)
        engine = SyncEngine(session.store, session.keys.material, central, session.clock, progress)
        reconcile_sign_in_file(session)  # a lock made since the last sign-in is sent now
        report = engine.run()
        carry_renames(session.store.path, engine.renamed)  # failures follow a renamed account
        _publish_new_grants(session, central)  # grants follow accounts renamed by this sync
        reconcile_sign_in_file(session)  # locks and unlocks that arrived, into the file
        if engine.rulesets_applied:  # in force at once, as after a local add
            with session.store.read() as conn:
                session.rulebook = rulebook_from(ruleset_rows.stored_ruleset_bodies(conn))
        if engine.purges_applied:  # secure_delete back off; no old page left in the WAL
            with session.store.secure_deletes():
                pass
        anchor_head(session, central, engine.ws)  # the audit chain's head, after a clean sync
        return report
    finally:
        if own:
            central.dispose()


def _share_data_keys(session: Session, central: CentralStore) -> None:
    """Data-key versions made by a rotation on any workstation reach every workstation."""
    office = _office_keys(central)
    shared = office_material(office, session.keys.master_key)
    merged = merged_data_keys(session.keys.material, shared)
    if dict(merged.data_keys) != dict(shared.data_keys):
        sealed = office_keys_for(office.office_id, session.keys.master_key, merged)
        central.put_office_keys(office.office_id, sealed.nonce, sealed.ciphertext)
    if dict(merged.data_keys) != dict(session.keys.material.data_keys) or (
        merged.current_data_version != session.keys.material.current_data_version
    ):
        session.keys = keyops.adopt_material(session.key_path, session.keys, merged)


def _publish_new_grants(session: Session, central: CentralStore) -> None:
    """Users added on this workstation can enrol and sign in elsewhere once their grant is
    published; grants published by other workstations are added here; the grant of an account
    sync renamed follows it to its new user name (``security.grant_routing``)."""
    try:
        export_office(session.key_path, session.keys)  # these keys belong to this key file
    except KeysMismatch:
        return
    with session.store.read() as conn:
        accounts = Accounts(user_rows.names_by_id(conn), frozenset(user_rows.lost_names(conn)))
    publish = route_grants(session.key_path, session.keys, central.get_grants(), accounts)
    if publish:
        central.put_grants(publish)
