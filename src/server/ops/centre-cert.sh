#!/usr/bin/env bash
# The centre's own certificate authority and a server certificate for the names kiosks open,
# with openssl (Debian's), for `serve --tls-cert DIR/cert.pem --tls-key DIR/key.pem`:
#
#   bash src/server/ops/centre-cert.sh DIR NAME [NAME|IP ...]
#   e.g.  bash src/server/ops/centre-cert.sh /etc/citizen-guide/tls guide.centre.lan 192.168.1.20
#
# DIR/ca.pem is what each kiosk trusts (README "HTTPS on the centre's network"); DIR/ca.key
# signs, and is made only once: run the script again (new names, or a renewal) and the kiosks
# keep trusting the same CA. The first NAME is the certificate's common name; every NAME and IP
# goes into subjectAltName, which is what browsers check. Files are 0600, DIR 0700.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: centre-cert.sh DIR NAME [NAME|IP ...]   (the names and addresses kiosks open)" >&2
  exit 2
fi
dir=$1
shift
days=${CENTRE_CERT_DAYS:-825}
umask 077
mkdir -p "$dir"

san=""
for name in "$@"; do
  if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then san+="IP:$name,"; else san+="DNS:$name,"; fi
done
san=${san%,}

if [ ! -f "$dir/ca.pem" ]; then
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 \
    -days 3650 -subj "/CN=Citizen Guide centre CA" -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$1" \
  -keyout "$dir/key.pem" -out "$dir/cert.csr" 2>/dev/null
openssl x509 -req -in "$dir/cert.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
  -days "$days" -sha256 -out "$dir/cert.pem" 2>/dev/null -extfile <(
  printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\n' "$san"
  printf 'keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n'
)
rm -f "$dir/cert.csr"
echo "centre-cert: $dir/cert.pem and $dir/key.pem for $san, signed by $dir/ca.pem (kiosks trust ca.pem)"
