// AutoStore kiosk distance sensor: an HC-SR04 ultrasonic sensor on an Arduino (Uno, Nano, Leonardo).
//
// Protocol (9600 baud, 8N1), the one already in the field:
//   host -> "GET_DISTANCE\n"
//   board -> one line with the distance in centimetres, two decimals, e.g. "123.45\r\n",
//            or "-1\r\n" when no echo came back in time (nothing within range).
// Anything else the host sends is ignored. The board measures only when asked, so the host sets the rate
// (about 10 requests a second) and a silent board is a dead board.
//
// Wiring: VCC -> 5V, GND -> GND, TRIG -> D9, ECHO -> D10.

const uint8_t TRIG_PIN = 9;
const uint8_t ECHO_PIN = 10;
const unsigned long BAUD = 9600;

// 30 ms covers a round trip of about 5 m; the HC-SR04 is specified to 4 m.
const unsigned long ECHO_TIMEOUT_US = 30000UL;
// Sound travels 0.0343 cm per microsecond; the pulse covers the distance twice.
const float CM_PER_US_ROUND_TRIP = 0.0343f / 2.0f;
const float MIN_CM = 2.0f;    // below this the sensor cannot measure; report "out of range"
const float MAX_CM = 400.0f;

const size_t LINE_MAX = 32;
char line[LINE_MAX];
size_t lineLength = 0;

float measureCm() {
  digitalWrite(TRIG_PIN, LOW);
  delayMicroseconds(2);
  digitalWrite(TRIG_PIN, HIGH);  // a 10 us pulse starts one measurement
  delayMicroseconds(10);
  digitalWrite(TRIG_PIN, LOW);
  unsigned long echoUs = pulseIn(ECHO_PIN, HIGH, ECHO_TIMEOUT_US);
  if (echoUs == 0) {
    return -1.0f;  // timeout: no echo, nothing in range
  }
  float cm = echoUs * CM_PER_US_ROUND_TRIP;
  if (cm < MIN_CM || cm > MAX_CM) {
    return -1.0f;
  }
  return cm;
}

void handleLine(const char *command) {
  if (strcmp(command, "GET_DISTANCE") == 0) {
    float cm = measureCm();
    if (cm < 0) {
      Serial.print("-1\r\n");
    } else {
      Serial.print(cm, 2);
      Serial.print("\r\n");
    }
  }
}

void setup() {
  pinMode(TRIG_PIN, OUTPUT);
  pinMode(ECHO_PIN, INPUT);
  digitalWrite(TRIG_PIN, LOW);
  Serial.begin(BAUD);
}

void loop() {
  while (Serial.available() > 0) {
    char c = (char)Serial.read();
    if (c == '\r') {
      continue;  // accept "\r\n" from terminals as well as "\n"
    }
    if (c == '\n') {
      line[lineLength] = '\0';
      handleLine(line);
      lineLength = 0;
    } else if (lineLength < LINE_MAX - 1) {
      line[lineLength++] = c;
    } else {
      lineLength = 0;  // overlong line: drop it rather than answer a truncated command
    }
  }
}
