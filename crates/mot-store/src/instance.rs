//! What every instance serving one database shares beyond its rows: named
//! keys (the customer pages' proof of work signs its challenges with one,
//! so a challenge one instance gave is checked by any other), and the
//! solved challenges taken (a solution used on one instance is refused on
//! every other). Behind a load balancer, each instance is as good as one.

use crate::tx::{col, Tx};
use crate::{Committed, Result, Store, StoreError};

impl Store {
    /// The key named `name`: 32 random bytes, made by the first instance
    /// that asks and read by every later one.
    pub async fn instance_key(&self, name: &str) -> Result<[u8; 32]> {
        let fresh = {
            use rand::RngCore;
            let mut key = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut key);
            hex::encode(key)
        };
        let name = name.to_string();
        let hex_key: String = self
            .writer
            .run(move |conn| {
                Box::pin(async move {
                    conn.execute(
                        "INSERT INTO instance_keys (name, key, made_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (name) DO NOTHING",
                        &[(&name).into(), fresh.into(), crate::now_ms().into()],
                    )
                    .await?;
                    let row = conn
                        .fetch_optional(
                            "SELECT key FROM instance_keys WHERE name = $1",
                            &[(&name).into()],
                        )
                        .await?
                        .ok_or_else(|| StoreError::Config(format!("no key {name}")))?;
                    Ok((col::<String, _>(&row, "key")?, Vec::<Committed>::new()))
                })
            })
            .await?;
        let bytes = hex::decode(&hex_key)
            .ok()
            .filter(|b| b.len() == 32)
            .ok_or_else(|| StoreError::Config("a bad instance key in the database".into()))?;
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes);
        Ok(key)
    }

    /// Takes the solved challenge `challenge`, valid until `expires`
    /// (seconds since 1970), for the form `request_key`: true when it is
    /// taken now, or was by the same form (a retry after a lost answer,
    /// which the store counts once); false when another form, on any
    /// instance, took it.
    pub async fn take_proof(
        &self,
        challenge: &str,
        expires: u64,
        request_key: &str,
    ) -> Result<bool> {
        let (challenge, request_key) = (challenge.to_string(), request_key.to_string());
        let expires = expires as i64;
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    let taken = conn
                        .fetch_all(
                            "INSERT INTO used_proofs (challenge, expires, request_key) \
                             VALUES ($1, $2, $3) ON CONFLICT (challenge) DO NOTHING \
                             RETURNING challenge",
                            &[(&challenge).into(), expires.into(), (&request_key).into()],
                        )
                        .await?;
                    let ok = if taken.is_empty() {
                        let row = conn
                            .fetch_optional(
                                "SELECT request_key FROM used_proofs WHERE challenge = $1",
                                &[(&challenge).into()],
                            )
                            .await?;
                        let by: Option<String> = row.map(|r| col(&r, "request_key")).transpose()?;
                        !request_key.is_empty() && by.as_deref() == Some(request_key.as_str())
                    } else {
                        true
                    };
                    Ok((ok, Vec::<Committed>::new()))
                })
            })
            .await
    }

    /// Forgets the solutions whose challenges expired before `before`
    /// (seconds since 1970; some minutes before now, so an instance whose
    /// clock is behind never meets a solution forgotten while it still
    /// takes its challenge). Answers how many.
    pub async fn forget_used_proofs(&self, before: u64) -> Result<u64> {
        let before = before as i64;
        self.writer
            .run(move |conn| {
                Box::pin(async move {
                    let n = conn
                        .execute(
                            "DELETE FROM used_proofs WHERE expires < $1",
                            &[before.into()],
                        )
                        .await?;
                    Ok((n, Vec::<Committed>::new()))
                })
            })
            .await
    }
}
