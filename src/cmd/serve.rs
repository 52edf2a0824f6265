//! `kg serve`: the web explorer and its JSON API on a local port.

use super::{open_existing, open_existing_for_writing, Outcome};
use std::io::Write;
use std::net::IpAddr;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Port to listen on (0 picks a free one; the URL is printed either way).
    #[arg(long, default_value_t = 8321)]
    port: u16,
    /// Address to listen on. Anything but a loopback address lets other machines read the
    /// store: kg warns when it is not one.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Open the explorer in the default browser once listening.
    #[arg(long)]
    open: bool,
    /// Allow merge, alias, split and undo from the explorer (each request needs the token the
    /// page carries, so no other site can change the store).
    #[arg(long)]
    allow_edits: bool,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    // Fail now, before listening, when there is no store to serve, or when edits are asked
    // for and the store cannot be written (read-only here): not at the first edit.
    if args.allow_edits {
        drop(open_existing_for_writing(db)?);
    } else {
        drop(open_existing(db)?);
    }
    if !args.host.is_loopback() {
        eprintln!(
            "kg: warning: listening on {}, not a loopback address: anyone who can reach this \
             machine can read the store{}",
            args.host,
            if args.allow_edits {
                " and, with the page's token, change it"
            } else {
                ""
            }
        );
    }
    let config = crate::serve::Config {
        db: db.to_path_buf(),
        host: args.host,
        port: args.port,
        allow_edits: args.allow_edits,
    };
    crate::serve::run(config, |url| {
        writeln!(out, "kg: serving {} at {url} (Ctrl-C stops)", db.display())?;
        out.flush()?;
        if args.open {
            open_browser(url);
        }
        Ok(())
    })?;
    Ok(Outcome::Done)
}

/// Asks the desktop to open `url`; only warns when it cannot (a server stays useful without).
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("kg: warning: could not start {opener} to open {url}: {e}");
    }
}
